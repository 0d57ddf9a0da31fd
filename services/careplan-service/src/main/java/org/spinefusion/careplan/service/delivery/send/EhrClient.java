package org.spinefusion.careplan.service.delivery.send;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.spinefusion.careplan.service.delivery.endpoints.EhrHttp;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.springframework.stereotype.Component;

/**
 * FHIR requests to an endpoint, authenticated as the endpoint requires. A 401 refreshes the token and repeats the
 * request once: tokens may be revoked or expire early at the EHR, and one fresh token tells that apart from a refusal.
 */
@Component
public class EhrClient {

    private static final String FHIR_JSON = "application/fhir+json";

    private final EhrHttp http;
    private final AccessTokens tokens;

    EhrClient(EhrHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public EhrResponse get(Endpoint endpoint, String path) throws IOException, InterruptedException {
        return send(endpoint, "GET", path, null, Map.of());
    }

    EhrResponse send(Endpoint endpoint, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        EhrResponse response = sendOnce(endpoint, method, path, body, headers, false);
        if (response.status() == 401 && endpoint.smart()) {
            response = sendOnce(endpoint, method, path, body, headers, true);
        }
        return response;
    }

    private EhrResponse sendOnce(
            Endpoint endpoint, String method, String path, String body, Map<String, String> headers, boolean retry)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        path.isEmpty()
                                ? endpoint.settings().baseUrl()
                                : endpoint.settings().baseUrl() + "/" + path))
                .header("Accept", FHIR_JSON)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", FHIR_JSON);
            // The id and version come from Location and ETag; the EHR need not encode its copy back to us. Refusals
            // still carry their OperationOutcome.
            request.header("Prefer", "return=minimal");
        }
        headers.forEach(request::header);
        String token = null;
        if (endpoint.smart()) {
            token = tokens.token(endpoint);
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() == 401 && token != null && !retry) {
            tokens.refused(endpoint, token);
        }
        return new EhrResponse(
                response.statusCode(),
                response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("ETag").orElse(null),
                response.body());
    }
}
