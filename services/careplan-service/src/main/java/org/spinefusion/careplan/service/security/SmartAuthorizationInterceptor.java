package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SMART scopes on every FHIR interaction, in three steps. Before the handler is invoked: the token's scopes must grant
 * the interaction's letter on the resource type (or the operation's rights), and a patient-context search is narrowed
 * to the patient (or refused when it cannot be). Once the body is parsed: a write must stay in the token's patient and
 * must not move a resource to another patient. On the way out: every returned resource is checked again (type,
 * granular category, compartment); a single resource the token may not see answers 404, bundle entries are dropped.
 */
@Component
@Interceptor
class SmartAuthorizationInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SmartAuthorizationInterceptor.class);
    private static final String ACCESS = SmartAuthorizationInterceptor.class.getName() + ".access";

    private final PatientCompartment compartment;
    private final OperationPolicy operations;
    private final SearchNarrowing narrowing;
    private final GrantedResources granted;

    SmartAuthorizationInterceptor(
            PatientCompartment compartment,
            OperationPolicy operations,
            SearchNarrowing narrowing,
            GrantedResources granted) {
        this.compartment = compartment;
        this.operations = operations;
        this.narrowing = narrowing;
        this.granted = granted;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authorize(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA || PublicDefinitions.covers(request)) {
            return true;
        }
        SmartAccess access = SmartAccess.current()
                .orElseThrow(() -> new AuthenticationException("A valid bearer token is required"));
        request.getUserData().put(ACCESS, access);
        String type = request.getResourceName();
        switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> require(access, type, 'r');
            case SEARCH_TYPE, HISTORY_TYPE -> {
                require(access, type, 's');
                if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
                    narrowing.narrow(request, (RestfulServer) request.getServer(), access, type);
                } else if (access.inPatientContext() && compartment.holdsPatientData(type)) {
                    throw forbidden("Type-level history cannot be confined to a patient; search instead");
                }
            }
            case CREATE -> requireWrite(access, type, 'c');
            case UPDATE, PATCH -> requireWrite(access, type, 'u');
            case DELETE -> requireWrite(access, type, 'd');
            case GET_PAGE -> {
                if (access.scopes().stream().noneMatch(s -> s.interactions().indexOf('s') >= 0)) {
                    throw forbidden("The access token grants no search");
                }
            }
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> operations.require(
                    access, request.getOperation());
            default -> {
                if (!access.admin()) {
                    throw forbidden("This interaction needs the admin scope");
                }
            }
        }
        return true;
    }

    /** Writes: the body's patient must be the token's, and an update must not move a resource between patients. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkWrite(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.CREATE
                && operation != RestOperationTypeEnum.UPDATE
                && operation != RestOperationTypeEnum.PATCH) {
            return;
        }
        SmartAccess access = (SmartAccess) request.getUserData().get(ACCESS);
        IBaseResource incoming = request.getResource();
        if (access == null || incoming == null) {
            return;
        }
        String type = request.getResourceName();
        char letter = operation == RestOperationTypeEnum.CREATE ? 'c' : 'u';
        if (!granted.categoryAllowed(access, incoming, letter)) {
            throw forbidden("The access token's scopes do not cover this category");
        }
        Optional<IBaseResource> existing = request.getId() == null
                ? Optional.empty()
                : granted.current(type, request.getId().getIdPart());
        if (access.inPatientContext()) {
            String patient = access.patient().orElseThrow();
            if (!compartment.belongsTo(incoming, patient)) {
                throw forbidden("A patient-context token can only write its own patient's resources");
            }
            if (existing.isPresent() && !compartment.belongsTo(existing.get(), patient)) {
                throw forbidden("A patient-context token can only write its own patient's resources");
            }
        }
        if (existing.isPresent()
                && compartment.holdsPatientData(type)
                && !compartment.patientsOf(existing.get()).equals(compartment.patientsOf(incoming))) {
            throw forbidden("A resource cannot be moved to another patient");
        }
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 0)
    public boolean filterResponse(RequestDetails request, ResponseDetails response) {
        SmartAccess access = (SmartAccess) request.getUserData().get(ACCESS);
        IBaseResource body = response.getResponseResource();
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (access == null || body == null || isWriteOrOperation(operation)) {
            return true;
        }
        if (body instanceof Bundle bundle) {
            filterEntries(access, bundle, operation);
        } else if (!(body instanceof OperationOutcome) && !granted.visible(access, body, 'r')) {
            log.debug("Hid {} from a token without access", body.getIdElement().toUnqualifiedVersionless());
            throw new ResourceNotFoundException(body.getIdElement().toUnqualifiedVersionless());
        }
        return true;
    }

    private void filterEntries(SmartAccess access, Bundle bundle, RestOperationTypeEnum operation) {
        List<Bundle.BundleEntryComponent> kept = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null
                    || resource instanceof OperationOutcome
                    || granted.visible(access, resource, 'r')
                    || granted.visible(access, resource, 's')) {
                kept.add(entry);
            }
        }
        if (kept.size() == bundle.getEntry().size()) {
            return;
        }
        if (operation == RestOperationTypeEnum.HISTORY_INSTANCE && kept.isEmpty()) {
            throw new ResourceNotFoundException("The resource is not known");
        }
        log.debug(
                "Dropped {} bundle entries the token may not see",
                bundle.getEntry().size() - kept.size());
        bundle.setEntry(kept);
        bundle.setTotalElement(null);
    }

    private static boolean isWriteOrOperation(RestOperationTypeEnum operation) {
        return switch (operation) {
            case CREATE,
                    UPDATE,
                    PATCH,
                    DELETE,
                    EXTENDED_OPERATION_SERVER,
                    EXTENDED_OPERATION_TYPE,
                    EXTENDED_OPERATION_INSTANCE -> true;
            default -> false;
        };
    }

    private static void require(SmartAccess access, String type, char interaction) {
        if (type == null || !access.allows(type, interaction)) {
            throw forbidden("The access token's scopes do not allow '" + interaction + "' on " + type);
        }
    }

    /** Patient-context tokens write only resources that belong to a patient; definitions are not theirs to change. */
    private void requireWrite(SmartAccess access, String type, char interaction) {
        require(access, type, interaction);
        if (access.inPatientContext() && !compartment.holdsPatientData(type)) {
            throw forbidden("A patient-context token cannot write " + type);
        }
    }

    static ForbiddenOperationException forbidden(String why) {
        return new ForbiddenOperationException(why);
    }

    static Optional<SmartAccess> accessOf(RequestDetails request) {
        return Optional.ofNullable((SmartAccess) request.getUserData().get(ACCESS));
    }
}
