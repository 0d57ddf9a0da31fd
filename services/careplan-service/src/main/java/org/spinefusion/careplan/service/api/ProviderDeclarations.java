package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.util.ClassUtils;

/**
 * What the resource providers declare, per resource type, read once from their annotations: the search parameters,
 * includes and revincludes, and the HTTP methods each type answers. The CapabilityStatement, the strict search check
 * and the 405 answers all come from this one reading, so they cannot disagree with the providers.
 */
final class ProviderDeclarations {

    /** @param instanceMethods HTTP methods on {@code [type]/[id]}; typeMethods on {@code [type]} */
    record Declared(
            Set<String> searchParameters,
            Set<String> includes,
            Set<String> revIncludes,
            boolean sortable,
            Set<String> instanceMethods,
            Set<String> typeMethods) {}

    private final Map<String, Declared> byType;

    private ProviderDeclarations(Map<String, Declared> byType) {
        this.byType = byType;
    }

    static ProviderDeclarations of(RestfulServer server) {
        Map<String, Declared> byType = new HashMap<>();
        for (IResourceProvider provider : server.getResourceProviders()) {
            String type = server.getFhirContext().getResourceType(provider.getResourceType());
            Declared declared = byType.computeIfAbsent(
                    type,
                    t -> new Declared(
                            new TreeSet<>(),
                            new TreeSet<>(),
                            new TreeSet<>(),
                            false,
                            new TreeSet<>(),
                            new TreeSet<>()));
            boolean sortable = declared.sortable();
            for (Method method : ClassUtils.getUserClass(provider).getMethods()) {
                sortable |= scan(method, declared);
            }
            byType.put(
                    type,
                    new Declared(
                            declared.searchParameters(),
                            declared.includes(),
                            declared.revIncludes(),
                            sortable,
                            declared.instanceMethods(),
                            declared.typeMethods()));
        }
        return new ProviderDeclarations(byType);
    }

    Declared of(String type) {
        return byType.get(type);
    }

    /** @return whether the method is a search that takes {@code _sort} */
    private static boolean scan(Method method, Declared declared) {
        if (method.isAnnotationPresent(Read.class)) {
            declared.instanceMethods().add("GET");
        }
        if (method.isAnnotationPresent(Update.class)) {
            declared.instanceMethods().add("PUT");
        }
        if (method.isAnnotationPresent(Delete.class)) {
            declared.instanceMethods().add("DELETE");
        }
        if (method.isAnnotationPresent(Patch.class)) {
            declared.instanceMethods().add("PATCH");
        }
        if (method.isAnnotationPresent(Create.class)) {
            declared.typeMethods().add("POST");
        }
        if (!method.isAnnotationPresent(Search.class)) {
            return false;
        }
        declared.typeMethods().add("GET");
        boolean sortable = false;
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof OptionalParam optional) {
                    declared.searchParameters().add(optional.name());
                } else if (annotation instanceof RequiredParam required) {
                    declared.searchParameters().add(required.name());
                } else if (annotation instanceof IncludeParam include) {
                    (include.reverse() ? declared.revIncludes() : declared.includes())
                            .addAll(Arrays.asList(include.allow()));
                } else if (annotation instanceof Sort) {
                    sortable = true;
                }
            }
        }
        return sortable;
    }
}
