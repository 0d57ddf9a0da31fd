package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One log line per FHIR request: interaction, resource type, operation, status and duration, with the request's
 * trace id (from the logging context). Never the URL, ids or parameters: they can name patients.
 */
@Component
@Interceptor
class FhirRequestLog {

    private static final Logger log = LoggerFactory.getLogger(FhirRequestLog.class);

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request, ServletRequestDetails servletRequest) {
        if (log.isInfoEnabled()) {
            log.info(
                    "fhir {} {}{} -> {} in {} ms",
                    request.getRestOperationType() == null
                            ? "unknown"
                            : request.getRestOperationType().getCode(),
                    request.getResourceName() == null ? "-" : request.getResourceName(),
                    request.getOperation() == null ? "" : " " + request.getOperation(),
                    servletRequest.getServletResponse().getStatus(),
                    request.getRequestStopwatch().getMillis());
        }
    }
}
