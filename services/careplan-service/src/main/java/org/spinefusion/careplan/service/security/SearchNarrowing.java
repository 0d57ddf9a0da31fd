package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Rewrites a search so it cannot return what the token may not see, before the provider runs: a patient-context
 * search is confined to the patient (a named other patient is refused, a search naming none gets the patient added),
 * granular scopes add their categories. What cannot be confined is refused: {@code _has}, chained parameters,
 * {@code :iterate} includes and unknown control parameters. Plain {@code _include}/{@code _revinclude} stay allowed
 * because every included resource is checked again on the way out.
 */
@Component
class SearchNarrowing {

    private final PatientCompartment compartment;
    private final SearchRestrictions declaredParameters = new SearchRestrictions();

    SearchNarrowing(PatientCompartment compartment) {
        this.compartment = compartment;
    }

    void narrow(RequestDetails request, RestfulServer server, SmartAccess access, String type) {
        Map<String, String[]> parameters = new HashMap<>(request.getParameters());
        Set<String> declared = declaredParameters.declared(server, type);
        if (access.inPatientContext()) {
            refuseUnconfinable(parameters);
            if (compartment.holdsPatientData(type)) {
                confineToPatient(parameters, declared, type, access.patient().orElseThrow());
            }
        }
        Optional<List<String>> categories = access.categoryLimit(type, 's');
        if (categories.isPresent()) {
            if (!declared.contains("category")) {
                throw SmartAuthorizationInterceptor.forbidden(
                        "A category-limited scope cannot be applied to a search of " + type);
            }
            add(parameters, "category", String.join(",", categories.get()));
        }
        request.setParameters(parameters);
    }

    private static void refuseUnconfinable(Map<String, String[]> parameters) {
        for (String name : parameters.keySet()) {
            String base = name.split(":", 2)[0];
            if (name.contains(".")
                    || (base.startsWith("_") && !SearchRestrictions.SAFE_CONTROL_PARAMETERS.contains(base))
                    || name.endsWith(":iterate")
                    || name.endsWith(":recurse")) {
                throw SmartAuthorizationInterceptor.forbidden(
                        "The search parameter " + name + " cannot be confined to the patient in context");
            }
        }
    }

    private void confineToPatient(Map<String, String[]> parameters, Set<String> declared, String type, String patient) {
        boolean named = false;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String base = parameter.getKey().split(":", 2)[0];
            if (!base.equals("patient") && !base.equals("subject")) {
                continue;
            }
            named = true;
            for (String value : parameter.getValue()) {
                for (String alternative : value.split(",")) {
                    if (!PatientCompartment.patientIdOf(alternative).equals(Optional.of(patient))) {
                        throw SmartAuthorizationInterceptor.forbidden(
                                "A patient-context token can only search its own patient");
                    }
                }
            }
        }
        if (named) {
            return;
        }
        if ("Provenance".equals(type)) {
            confineProvenance(parameters, patient);
            return;
        }
        String confining = Arrays.asList("patient", "subject").stream()
                .filter(declared::contains)
                .findFirst()
                .orElseThrow(() -> SmartAuthorizationInterceptor.forbidden(
                        "A search of " + type + " cannot be confined to the patient in context"));
        add(parameters, confining, "Patient/" + patient);
    }

    /** Provenance has no patient parameter here: each named target must belong to the patient. */
    private void confineProvenance(Map<String, String[]> parameters, String patient) {
        String[] targets = parameters.get("target");
        if (targets == null || targets.length == 0) {
            throw SmartAuthorizationInterceptor.forbidden(
                    "A patient-context search of Provenance must name its target resources");
        }
        for (String value : targets) {
            for (String target : value.split(",")) {
                if (!compartment
                        .patientsOfTargets(List.of(new Reference(target)))
                        .equals(Set.of(patient))) {
                    throw SmartAuthorizationInterceptor.forbidden(
                            "A patient-context token can only search provenance of its own patient's resources");
                }
            }
        }
    }

    private static void add(Map<String, String[]> parameters, String name, String value) {
        String[] existing = parameters.getOrDefault(name, new String[0]);
        String[] values = Arrays.copyOf(existing, existing.length + 1);
        values[existing.length] = value;
        parameters.put(name, values);
    }
}
