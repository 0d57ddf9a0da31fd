package org.spinefusion.careplan.service.apply;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.time.Clock;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.InvalidEpisodeException;
import org.spinefusion.careplan.service.storage.StoredJson;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/PlanDefinition/{id}/$apply}: the R4 operation, with the CPG {@code data} parameter carrying
 * the surgery ServiceRequest. Returns the episode's CarePlan; Goals, Questionnaires, Communications and the
 * Provenance are stored alongside and found by searching on the patient or the CarePlan.
 */
@Component
public class ApplyOperation {

    private final ApplyService applyService;
    private final ApplyMetrics metrics;
    private final EpisodeProblems problems;
    private final Clock clock;
    private final ZoneId clinicZone;

    ApplyOperation(
            ApplyService applyService, ApplyMetrics metrics, EpisodeProblems problems, Clock clock, ZoneId clinicZone) {
        this.applyService = applyService;
        this.metrics = metrics;
        this.problems = problems;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @Operation(
            name = "$apply",
            type = PlanDefinition.class,
            idempotent = false,
            returnParameters = {@OperationParam(name = "return", type = CarePlan.class, min = 1, max = 1)})
    @Description(
            shortDefinition = "Makes or revises the care plan of one spinal fusion surgery episode",
            value = "Applying the same episode again changes nothing; a new surgery date reschedules the plan; "
                    + "a revoked surgery request revokes it.")
    public CarePlan apply(
            @IdParam IdType planDefinition,
            @OperationParam(name = "subject", min = 1, max = 1, typeName = "string")
                    @Description(shortDefinition = "The patient, Patient/<id>")
                    StringType subject,
            @OperationParam(name = "encounter", max = 1, typeName = "string") StringType encounter,
            @OperationParam(name = "practitioner", max = 1, typeName = "string") StringType practitioner,
            @OperationParam(name = "organization", max = 1, typeName = "string") StringType organization,
            @OperationParam(name = "data", min = 1, max = 1)
                    @Description(shortDefinition = "A Bundle holding the surgery ServiceRequest")
                    Bundle data) {
        problems.requireParameters(subject, data);
        ApplyRequest request = new ApplyRequest(
                planDefinition.getIdPart(),
                reference(subject),
                reference(encounter),
                reference(practitioner),
                reference(organization),
                data,
                clock.instant(),
                clinicZone);
        try {
            CarePlan plan = metrics.timed(() -> applyService.apply(request));
            StoredJson.sendAsStored(plan);
            return plan;
        } catch (InvalidEpisodeException e) {
            throw problems.toHttpError(e);
        }
    }

    private static Reference reference(StringType value) {
        return value == null || value.isEmpty() ? null : new Reference(value.getValue());
    }
}
