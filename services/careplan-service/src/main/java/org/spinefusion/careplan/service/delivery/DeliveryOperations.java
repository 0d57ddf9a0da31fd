package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Clock;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admin operations on delivery, at the FHIR base (they need the admin scope): register an endpoint, read delivery
 * status per resource and endpoint, list dead letters, replay one.
 */
@Component
class DeliveryOperations {

    private static final int DEAD_LETTER_PAGE = 200;

    private final EndpointRegistry endpoints;
    private final DeliveryLedger ledger;
    private final SchedulerClient scheduler;
    private final TransactionTemplate transaction;
    private final FhirContext fhir;
    private final Clock clock;

    DeliveryOperations(
            EndpointRegistry endpoints,
            DeliveryLedger ledger,
            SchedulerClient scheduler,
            TransactionTemplate transaction,
            FhirContext fhir,
            Clock clock) {
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Operation(name = "$delivery-register-endpoint", idempotent = false)
    public Parameters register(
            @OperationParam(name = "id", min = 1) StringType id,
            @OperationParam(name = "base-url", min = 1) UriType baseUrl,
            @OperationParam(name = "auth") StringType auth,
            @OperationParam(name = "client-id") StringType clientId,
            @OperationParam(name = "signing-algorithm") StringType signingAlgorithm,
            @OperationParam(name = "scope") StringType scope,
            @OperationParam(name = "patient", max = OperationParam.MAX_UNLIMITED) List<StringType> patients,
            @OperationParam(name = "organization", max = OperationParam.MAX_UNLIMITED) List<StringType> organizations,
            @OperationParam(name = "rate-per-second") DecimalType rate,
            @OperationParam(name = "patient-identity") StringType patientIdentity) {
        EndpointSettings settings;
        try {
            settings = new EndpointSettings(
                    value(id),
                    baseUrl.getValue(),
                    value(auth),
                    value(clientId),
                    value(signingAlgorithm),
                    value(scope),
                    values(patients),
                    values(organizations),
                    rate == null || rate.getValue() == null
                            ? null
                            : rate.getValue().doubleValue(),
                    value(patientIdentity));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return describe(endpoints.register(settings));
    }

    @Operation(name = "$delivery-refresh-capabilities", idempotent = false)
    public Parameters refresh(@OperationParam(name = "endpoint", min = 1) StringType endpoint) {
        Endpoint found = endpoint(value(endpoint));
        endpoints.refresh(found);
        return describe(endpoint(found.id()));
    }

    @Operation(name = "$delivery-status", idempotent = true)
    public Parameters status(@OperationParam(name = "resource", min = 1) StringType resource) {
        String[] reference = reference(value(resource));
        Parameters out = new Parameters();
        ledger.forResource(reference[0], reference[1]).forEach(row -> out.addParameter(row(row)));
        return out;
    }

    @Operation(name = "$delivery-dead-letters", idempotent = true)
    public Parameters deadLetters() {
        Parameters out = new Parameters();
        ledger.deadLetters(DEAD_LETTER_PAGE).forEach(row -> out.addParameter(row(row)));
        return out;
    }

    @Operation(name = "$delivery-replay", idempotent = false)
    public Parameters replay(
            @OperationParam(name = "endpoint", min = 1) StringType endpoint,
            @OperationParam(name = "resource", min = 1) StringType resource) {
        String[] reference = reference(value(resource));
        String endpointId = value(endpoint);
        Boolean replayed =
                transaction.execute(status -> ledger.revive(endpointId, reference[0], reference[1], clock.instant())
                        .map(version -> {
                            DeliveryKey key = new DeliveryKey(endpointId, reference[0], reference[1], version);
                            scheduler.scheduleIfNotExists(DeliveryOutbox.task(key, false, clock.instant()));
                            return true;
                        })
                        .orElse(false));
        if (!Boolean.TRUE.equals(replayed)) {
            throw new ResourceNotFoundException("no dead letter for " + value(resource) + " at " + endpointId);
        }
        return status(resource);
    }

    private Endpoint endpoint(String id) {
        return endpoints.find(id).orElseThrow(() -> new ResourceNotFoundException("no endpoint " + id));
    }

    private Parameters describe(Endpoint endpoint) {
        Parameters out = new Parameters();
        out.addParameter("id", endpoint.id());
        out.addParameter("base-url", new UriType(endpoint.settings().baseUrl()));
        out.addParameter("auth", endpoint.settings().auth());
        Capabilities capabilities = endpoint.capabilities();
        out.addParameter("capabilities-read", new BooleanType(capabilities != null));
        if (capabilities != null) {
            out.addParameter("mode", capabilities.mode());
            capabilities.creatable().stream().sorted().forEach(type -> out.addParameter("writes", type));
            if (capabilities.tokenUrl() != null) {
                out.addParameter("token-url", new UriType(capabilities.tokenUrl()));
            }
        }
        return out;
    }

    private ParametersParameterComponent row(DeliveryRow row) {
        ParametersParameterComponent part = new ParametersParameterComponent().setName("delivery");
        part.addPart().setName("endpoint").setValue(new StringType(row.endpointId()));
        part.addPart().setName("resource").setValue(new StringType(row.type() + "/" + row.id()));
        part.addPart().setName("state").setValue(new StringType(row.state()));
        part.addPart().setName("pending-version").setValue(new IntegerType(row.pendingVersion()));
        if (row.deliveredVersion() != null) {
            part.addPart().setName("delivered-version").setValue(new IntegerType(row.deliveredVersion()));
        }
        if (row.targetType() != null) {
            part.addPart().setName("delivered-as").setValue(new StringType(row.targetType()));
        }
        if (row.ehrId() != null) {
            part.addPart().setName("ehr-id").setValue(new StringType(row.ehrId()));
        }
        part.addPart().setName("attempts").setValue(new IntegerType(row.attempts()));
        part.addPart().setName("failures").setValue(new IntegerType(row.failures()));
        if (row.lastStatus() != null) {
            part.addPart().setName("last-status").setValue(new IntegerType(row.lastStatus()));
        }
        if (row.lastError() != null) {
            part.addPart().setName("last-error").setValue(new StringType(row.lastError()));
        }
        if (row.deliveredAt() != null) {
            part.addPart().setName("delivered-at").setValue(new InstantType(java.util.Date.from(row.deliveredAt())));
        }
        if (row.outcome() != null) {
            part.addPart()
                    .setName("outcome")
                    .setResource(fhir.newJsonParser().parseResource(OperationOutcome.class, row.outcome()));
        }
        return part;
    }

    private static String[] reference(String text) {
        String[] parts = text == null ? new String[0] : text.split("/");
        if (parts.length != 2 || !DeliveryClassifier.DELIVERABLE.contains(parts[0])) {
            throw new InvalidRequestException("resource is Type/id of a delivered type, e.g. CarePlan/cp-1");
        }
        return parts;
    }

    private static String value(StringType text) {
        return text == null ? null : text.getValue();
    }

    private static List<String> values(List<StringType> texts) {
        return texts == null
                ? List.of()
                : texts.stream().map(StringType::getValue).toList();
    }
}
