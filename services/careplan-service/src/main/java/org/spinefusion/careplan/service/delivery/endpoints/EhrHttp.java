package org.spinefusion.careplan.service.delivery.endpoints;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.springframework.stereotype.Component;

/** The one HTTP client for EHRs and their token endpoints, with the configured timeouts; never follows redirects. */
@Component
public class EhrHttp {

    private final HttpClient client;
    private final DeliveryProperties properties;

    public EhrHttp(DeliveryProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, properties.requestTimeout());
    }

    public HttpResponse<String> send(HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
