package org.spinefusion.careplan.service.delivery.admin;

import static org.spinefusion.careplan.service.delivery.admin.DeliveryParts.value;
import static org.spinefusion.careplan.service.delivery.admin.DeliveryParts.values;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointSettings;
import org.springframework.stereotype.Component;

/**
 * Admin operations on delivery, at the FHIR base (they need the admin scope): register an endpoint, re-read its
 * capabilities, read delivery status per resource and endpoint. Dead letters: {@link DeadLetterOperations}.
 */
@Component
class DeliveryOperations {

    private final EndpointRegistry endpoints;
    private final DeliveryStatus status;

    DeliveryOperations(EndpointRegistry endpoints, DeliveryStatus status) {
        this.endpoints = endpoints;
        this.status = status;
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
        String[] reference = DeliveryParts.reference(value(resource));
        return status.of(reference[0], reference[1]);
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
}
