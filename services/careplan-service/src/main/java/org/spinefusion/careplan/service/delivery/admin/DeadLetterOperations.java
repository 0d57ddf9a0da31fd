package org.spinefusion.careplan.service.delivery.admin;

import static org.spinefusion.careplan.service.delivery.admin.DeliveryParts.number;
import static org.spinefusion.careplan.service.delivery.admin.DeliveryParts.value;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeadLetterFilter;
import org.springframework.stereotype.Component;

/**
 * Admin operations on held deliveries (dead letters and parked ones), at the FHIR base with the admin scope: a page
 * of them with the total, filtered by endpoint, reason, the EHR's HTTP status (or class) and OperationOutcome issue
 * code; a replay of one; a replay of every one a filter matches.
 */
@Component
class DeadLetterOperations {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final DeadLetters deadLetters;
    private final EndpointRegistry endpoints;
    private final DeliveryStatus status;
    private final FhirContext fhir;

    DeadLetterOperations(DeadLetters deadLetters, EndpointRegistry endpoints, DeliveryStatus status, FhirContext fhir) {
        this.deadLetters = deadLetters;
        this.endpoints = endpoints;
        this.status = status;
        this.fhir = fhir;
    }

    @Operation(name = "$delivery-dead-letters", idempotent = true)
    public Parameters list(
            @OperationParam(name = "endpoint") StringType endpoint,
            @OperationParam(name = "reason") StringType reason,
            @OperationParam(name = "status") StringType status,
            @OperationParam(name = "outcome-code") StringType outcomeCode,
            @OperationParam(name = "_offset") StringType offset,
            @OperationParam(name = "_count") StringType count) {
        DeadLetterFilter filter = filter(endpoint, reason, status, outcomeCode);
        int from = number(offset, "_offset", 0, 0, Integer.MAX_VALUE);
        int size = number(count, "_count", DEFAULT_PAGE, 1, MAX_PAGE);
        DeadLetters.Page page = deadLetters.page(filter, from, size);
        Parameters out = new Parameters();
        out.addParameter("total", new IntegerType(Math.toIntExact(page.total())));
        out.addParameter("offset", new IntegerType(from));
        if (from + page.rows().size() < page.total()) {
            out.addParameter("next-offset", new IntegerType(from + page.rows().size()));
        }
        page.rows().forEach(row -> out.addParameter(DeliveryParts.row(fhir, row)));
        return out;
    }

    @Operation(name = "$delivery-replay", idempotent = false)
    public Parameters replay(
            @OperationParam(name = "endpoint", min = 1) StringType endpoint,
            @OperationParam(name = "resource", min = 1) StringType resource) {
        String[] reference = DeliveryParts.reference(value(resource));
        if (!deadLetters.replay(value(endpoint), reference[0], reference[1])) {
            throw new ResourceNotFoundException("no dead letter for " + value(resource) + " at " + value(endpoint));
        }
        return status.of(reference[0], reference[1]);
    }

    /** Replays every held delivery the filter matches (all of them without one); answers how many this call did. */
    @Operation(name = "$delivery-replay-dead-letters", idempotent = false)
    public Parameters replayAll(
            @OperationParam(name = "endpoint") StringType endpoint,
            @OperationParam(name = "reason") StringType reason,
            @OperationParam(name = "status") StringType status,
            @OperationParam(name = "outcome-code") StringType outcomeCode) {
        int replayed = deadLetters.replayAll(filter(endpoint, reason, status, outcomeCode));
        Parameters out = new Parameters();
        out.addParameter("replayed", new IntegerType(replayed));
        return out;
    }

    private DeadLetterFilter filter(StringType endpoint, StringType reason, StringType status, StringType outcome) {
        String endpointId = value(endpoint);
        if (endpointId != null && endpoints.find(endpointId).isEmpty()) {
            throw new InvalidRequestException("no endpoint " + endpointId);
        }
        try {
            return DeadLetterFilter.parse(endpointId, value(reason), value(status), value(outcome));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }
}
