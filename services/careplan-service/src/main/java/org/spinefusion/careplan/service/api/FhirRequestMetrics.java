package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Request latency of the FHIR API ({@code careplan_fhir_requests_seconds}) by interaction, resource type,
 * operation and status. Spring's own HTTP metrics see the HAPI servlet only as one unknown URI; these tags are
 * bounded by the server's resource types and operations, never by ids.
 */
@Component
@Interceptor
class FhirRequestMetrics {

    private final MeterRegistry registry;

    FhirRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request, ServletRequestDetails servletRequest) {
        RestOperationTypeEnum interaction = request.getRestOperationType();
        Timer.builder("careplan.fhir.requests")
                .description("FHIR API requests, from arrival to the response")
                .tag("interaction", interaction == null ? "unknown" : interaction.getCode())
                .tag("type", request.getResourceName() == null ? "none" : request.getResourceName())
                .tag("operation", request.getOperation() == null ? "none" : request.getOperation())
                .tag(
                        "status",
                        Integer.toString(servletRequest.getServletResponse().getStatus()))
                .publishPercentileHistogram()
                .register(registry)
                .record(request.getRequestStopwatch().getMillis(), TimeUnit.MILLISECONDS);
    }
}
