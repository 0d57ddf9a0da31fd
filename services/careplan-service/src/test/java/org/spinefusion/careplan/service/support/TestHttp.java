package org.spinefusion.careplan.service.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Raw HTTP calls to the service under test, for what HAPI's client cannot send (malformed bodies, wrong content
 * types). Every test that needs raw HTTP goes through here, so request-wide concerns (such as credentials) are
 * added in one place.
 */
public final class TestHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public TestHttp(int port) {
        this.port = port;
    }

    /** A request to {@code /fhir/<path>}, ready for a method and a body. */
    public HttpRequest.Builder fhir(String path) {
        return HttpRequest.newBuilder(URI.create(FhirClients.base(port) + "/" + path))
                .header("Accept", "application/fhir+json");
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(fhir(path).GET());
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(fhir(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
