package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.ClassUtils;

/** The search parameters each resource provider declares, read once from its {@code @Search} methods. */
final class SearchRestrictions {

    /** Result-control parameters a patient-context search may use; other {@code _} parameters are refused. */
    static final Set<String> SAFE_CONTROL_PARAMETERS = Set.of(
            "_id",
            "_lastUpdated",
            "_sort",
            "_count",
            "_include",
            "_revinclude",
            "_format",
            "_pretty",
            "_summary",
            "_elements",
            "_total");

    private final Map<String, Set<String>> byType = new ConcurrentHashMap<>();

    Set<String> declared(RestfulServer server, String type) {
        return byType.computeIfAbsent(type, t -> scan(server, t));
    }

    private static Set<String> scan(RestfulServer server, String type) {
        Set<String> names = new HashSet<>();
        for (IResourceProvider provider : server.getResourceProviders()) {
            if (!server.getFhirContext()
                    .getResourceType(provider.getResourceType())
                    .equals(type)) {
                continue;
            }
            for (Method method : ClassUtils.getUserClass(provider).getMethods()) {
                if (!method.isAnnotationPresent(Search.class)) {
                    continue;
                }
                for (Annotation[] annotations : method.getParameterAnnotations()) {
                    for (Annotation annotation : annotations) {
                        if (annotation instanceof OptionalParam optional) {
                            names.add(optional.name());
                        } else if (annotation instanceof RequiredParam required) {
                            names.add(required.name());
                        }
                    }
                }
            }
        }
        return names;
    }
}
