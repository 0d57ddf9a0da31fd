package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Links in responses ({@code self}, {@code next}, {@code fullUrl}) name the configured base URL whatever the caller
 * claims in {@code Host}, {@code X-Forwarded-Host} or {@code Forwarded}: a client that follows a link must not be sent,
 * with its token, to a host of the attacker's choosing.
 */
@CarePlanIntegrationTest
class ForgedHostHeadersIT {

    @LocalServerPort
    int port;

    @Test
    void ignoresForwardedHeadersWhenBuildingLinks() throws Exception {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> search = http.send(http.fhir("Questionnaire?_count=1")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("Forwarded", "host=evil.example;proto=https")
                .GET());

        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body())
                .doesNotContain("evil.example")
                .contains("\"url\":\"http://localhost:" + port + "/fhir/Questionnaire");
    }

    @Test
    void ignoresTheHostHeaderWhenBuildingLinks() throws Exception {
        String response = rawGet("/fhir/Questionnaire?_count=1", "evil.example");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).doesNotContain("evil.example").contains("http://localhost:" + port + "/fhir/");
    }

    /** The JDK's HTTP client will not send a Host header of the caller's choosing, so this one goes over a socket. */
    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + TestTokens.system()
                            + "\r\nAccept: application/fhir+json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
