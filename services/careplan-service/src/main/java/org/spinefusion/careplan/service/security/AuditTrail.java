package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records who read or wrote what: one {@code audit_event} row per FHIR request made with a token, with the ids of the
 * resources returned (after authorization filtering) and the HTTP status. Ids go to the database, not to the log.
 */
@Component
@Interceptor
class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final String RESOURCES = AuditTrail.class.getName() + ".resources";
    private static final int MAX_IDS = 100;

    private final AuditRepository repository;
    private final Clock clock;

    AuditTrail(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 100)
    public boolean noteReturned(RequestDetails request, ResponseDetails response) {
        IBaseResource body = response.getResponseResource();
        List<String> ids = new ArrayList<>();
        if (body instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() != null && ids.size() < MAX_IDS) {
                    ids.add(key(entry.getResource()));
                }
            }
        } else if (body != null && body.getIdElement().hasIdPart()) {
            ids.add(key(body));
        }
        request.getUserData().put(RESOURCES, ids);
        return true;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void record(RequestDetails request, ServletRequestDetails servletRequest) {
        SmartAuthorizationInterceptor.accessOf(request).ifPresent(access -> {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) request.getUserData().getOrDefault(RESOURCES, List.of());
            RestOperationTypeEnum operation = request.getRestOperationType();
            try {
                repository.append(new AuditRepository.AuditRecord(
                        clock.instant(),
                        access.who(),
                        access.client(),
                        access.patient().orElse(null),
                        operation == null ? "unknown" : operation.getCode(),
                        request.getResourceName(),
                        request.getId() == null ? null : request.getId().getIdPart(),
                        request.getOperation(),
                        servletRequest.getServletResponse().getStatus(),
                        ids));
            } catch (RuntimeException failed) {
                log.warn(
                        "Could not write an audit record: {}", failed.getClass().getName());
            }
        });
    }

    private static String key(IBaseResource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
