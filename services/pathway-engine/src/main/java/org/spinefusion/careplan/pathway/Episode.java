package org.spinefusion.careplan.pathway;

import java.time.LocalDate;
import java.util.Set;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * One spinal fusion surgery episode, read from the surgery ServiceRequest.
 *
 * @param key the episode identity, {@code <identifier system>|<identifier value>}
 * @param patientReference {@code Patient/<id>}
 * @param surgeryDate the day of the operation
 * @param cancelled whether the surgery was cancelled (request status revoked): the plan is revoked
 * @param regions spinal region codes (cervical, thoracic, lumbar, lumbosacral)
 * @param details episode-detail codes (approach, graft, hardware, setting, patient facts)
 * @param request the surgery request as given, the context of pathway conditions ({@code %surgery})
 * @param fingerprint a digest of everything that shapes the plan: the same fingerprint means the same plan
 */
public record Episode(
        String key,
        String patientReference,
        LocalDate surgeryDate,
        boolean cancelled,
        Set<String> regions,
        Set<String> details,
        ServiceRequest request,
        String fingerprint) {}
