package org.spinefusion.careplan.service.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Raw HTTP calls to the service under test, for what HAPI's client cannot send (malformed bodies, wrong content
 * types). Every test that needs raw HTTP goes through here, so request-wide concerns (such as credentials) are
 * added in one place: by default each request carries a system token with full scopes ({@link TestTokens#system()}).
 */
public final class TestHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String token;

    public TestHttp(int port) {
        this(port, TestTokens.system());
    }

    private TestHttp(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The same calls with this bearer token instead of the default one. */
    public TestHttp withToken(String token) {
        return new TestHttp(port, token);
    }

    /** The same calls without an Authorization header. */
    public TestHttp withoutToken() {
        return new TestHttp(port, null);
    }

    /** A request to {@code /fhir/<path>}, ready for a method and a body. */
    public HttpRequest.Builder fhir(String path) {
        return authorized(HttpRequest.newBuilder(URI.create(FhirClients.base(port) + "/" + path))
                .header("Accept", "application/fhir+json"));
    }

    /** A request to {@code /<path>} on the application port, outside the FHIR base. */
    public HttpRequest.Builder root(String path) {
        return authorized(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/" + path)));
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

    /** The response body as the bytes sent, for bodies that are not text (a gzipped one, for example). */
    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
