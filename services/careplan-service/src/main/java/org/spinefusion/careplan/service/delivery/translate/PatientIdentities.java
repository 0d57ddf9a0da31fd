package org.spinefusion.careplan.service.delivery.translate;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.send.EhrClient;
import org.spinefusion.careplan.service.delivery.send.EhrResponse;
import org.springframework.stereotype.Component;

/**
 * Our subject ({@code Patient/<id>}) as the Patient an endpoint holds: the same id, or the Patient carrying our id as
 * an identifier of the endpoint's system (an MRN). With the same id nothing is asked: an EHR that lacks the Patient
 * refuses the write, and the worker parks it. Found Patients are remembered per endpoint; Patients not found are asked
 * again on the next attempt, as they may have been registered at the EHR since.
 */
@Component
class PatientIdentities {

    private final EhrClient client;
    private final FhirContext fhir;
    private final Map<String, String> found = new ConcurrentHashMap<>();

    PatientIdentities(EhrClient client, FhirContext fhir) {
        this.client = client;
        this.fhir = fhir;
    }

    /** The EHR's reference for our patient; empty when the EHR holds no such Patient; else the EHR's failure. */
    Resolved resolve(Endpoint endpoint, String ourReference) throws IOException, InterruptedException {
        String cacheKey = endpoint.id() + " " + endpoint.settings().patientIdentity() + " " + ourReference;
        String known = found.get(cacheKey);
        if (known != null) {
            return new Resolved(Optional.of(known), null);
        }
        String id = ourReference.substring(ourReference.indexOf('/') + 1);
        String system = endpoint.settings().patientIdentifierSystem();
        if (system == null) {
            return new Resolved(Optional.of(ourReference), null);
        }
        EhrResponse response = system == null
                ? client.get(endpoint, "Patient/" + id)
                : client.get(
                        endpoint,
                        "Patient?_elements=id&identifier="
                                + URLEncoder.encode(system + "|" + id, StandardCharsets.UTF_8));
        if (response.status() == 404 || response.status() == 410) {
            return new Resolved(Optional.empty(), null);
        }
        if (!response.ok()) {
            return new Resolved(Optional.empty(), response);
        }
        String ehrId;
        if (system == null) {
            ehrId = id;
        } else {
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
            if (bundle.getEntry().size() != 1) {
                return new Resolved(Optional.empty(), null);
            }
            ehrId = bundle.getEntryFirstRep().getResource().getIdElement().getIdPart();
        }
        String reference = "Patient/" + ehrId;
        found.put(cacheKey, reference);
        return new Resolved(Optional.of(reference), null);
    }

    record Resolved(Optional<String> reference, EhrResponse failure) {}
}
