package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinefusion.careplan.service.api.CheckedElements;
import org.springframework.stereotype.Component;

/**
 * What {@link SmartAuthorizationInterceptor} and {@link AuditTrail} read of a returned resource: its type and id, its
 * {@code category} ({@link GrantedResources}), and what {@link PatientCompartment} follows to its patient, i.e. the
 * elements its patient search parameter starts from, a Provenance's {@code target} and a Questionnaire's
 * {@code identifier}. A path this cannot reduce to a top-level element makes the type need the whole resource.
 */
@Component
class CompartmentElements implements CheckedElements {

    private static final Pattern ROOT = Pattern.compile("^\\(?\\s*([A-Z][A-Za-z]+)\\.([a-z][A-Za-z]*)\\b");

    private final FhirContext fhirContext;
    private final PatientCompartment compartment;
    private final ConcurrentMap<String, Optional<Set<String>>> byType = new ConcurrentHashMap<>();

    CompartmentElements(FhirContext fhirContext, PatientCompartment compartment) {
        this.fhirContext = fhirContext;
        this.compartment = compartment;
    }

    @Override
    public Optional<Set<String>> of(String type) {
        return byType.computeIfAbsent(type, this::elements);
    }

    private Optional<Set<String>> elements(String type) {
        Set<String> elements = new HashSet<>(Set.of("category", "identifier"));
        if ("Provenance".equals(type)) {
            elements.add("target");
            return Optional.of(Set.copyOf(elements));
        }
        Optional<String> parameter = compartment.patientSearchParameter(type);
        if (parameter.isPresent()) {
            RuntimeSearchParam searchParam =
                    fhirContext.getResourceDefinition(type).getSearchParam(parameter.get());
            for (String path : searchParam.getPathsSplit()) {
                Matcher root = ROOT.matcher(path.trim());
                if (!root.find() || !root.group(1).equals(type)) {
                    return Optional.empty();
                }
                elements.add(root.group(2));
            }
        }
        return Optional.of(Set.copyOf(elements));
    }
}
