package org.spinefusion.careplan.service.clinician;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.KeycloakIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The app's files over plain HTTP: public, frameable only by the configured origins, and no way into the data. */
@KeycloakIntegrationTest
class ClinicianAppPagesIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void servesThePagesWithoutATokenAndOnlyLetsTheServiceItselfFrameThemByDefault() throws Exception {
        for (String path : java.util.List.of(
                "/app/index.html",
                "/app/launch.html",
                "/app/js/main.js",
                "/app/vendor/fhirclient-2.6.3/fhir-client.min.js")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .startsWith("frame-ancestors 'self';")
                            .contains("script-src 'self'"));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
            assertThat(page.headers().firstValue("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(get("/app/js/main.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void opensNothingElse() throws Exception {
        assertThat(get("/app/nothing-here.html").statusCode()).isEqualTo(404);
        assertThat(get("/fhir/CarePlan").statusCode())
                .as("the data still needs a token")
                .isEqualTo(401);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app/index.html"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
