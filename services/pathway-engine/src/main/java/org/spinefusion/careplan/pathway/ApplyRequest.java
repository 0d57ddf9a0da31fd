package org.spinefusion.careplan.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/**
 * One call of {@code PlanDefinition/$apply}: which pathway, for whom, with which episode data.
 *
 * @param planDefinitionId the logical id of the pathway PlanDefinition
 * @param subject the patient, {@code Patient/<id>}; must agree with the surgery request in {@code data}
 * @param encounter optional encounter the plan belongs to
 * @param practitioner optional responsible practitioner (the surgeon)
 * @param organization optional organization managing the plan
 * @param data the episode: a Bundle holding the surgery ServiceRequest
 * @param now the time the plan is made (Provenance.recorded)
 * @param zone the clinic's time zone, for send times given as local clock times
 * @param enrolledOn the day the episode's first plan was made, when this call revises it; null for a first plan
 *     (then it is the day of {@code now})
 */
public record ApplyRequest(
        String planDefinitionId,
        Reference subject,
        Reference encounter,
        Reference practitioner,
        Reference organization,
        Bundle data,
        Instant now,
        ZoneId zone,
        LocalDate enrolledOn) {

    public ApplyRequest(
            String planDefinitionId,
            Reference subject,
            Reference encounter,
            Reference practitioner,
            Reference organization,
            Bundle data,
            Instant now,
            ZoneId zone) {
        this(planDefinitionId, subject, encounter, practitioner, organization, data, now, zone, null);
    }

    public ApplyRequest {
        Objects.requireNonNull(planDefinitionId, "planDefinitionId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
    }

    /** The same request with other episode data. */
    public ApplyRequest withData(Bundle newData) {
        return new ApplyRequest(
                planDefinitionId, subject, encounter, practitioner, organization, newData, now, zone, enrolledOn);
    }

    /** The same request revising a plan first made on {@code day}. */
    public ApplyRequest withEnrolledOn(LocalDate day) {
        return new ApplyRequest(planDefinitionId, subject, encounter, practitioner, organization, data, now, zone, day);
    }
}
