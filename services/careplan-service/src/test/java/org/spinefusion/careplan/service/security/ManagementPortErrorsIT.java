package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Errors on the management port are OperationOutcomes that repeat nothing of the request, as on the main port, also
 * when Tomcat refuses the request itself (an unknown health component is the actuator's own empty 404).
 */
@CarePlanIntegrationTest
class ManagementPortErrorsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MARKER = "echo-marker-3141";

    @LocalManagementPort
    int managementPort;

    @ParameterizedTest
    @CsvSource({
        "POST, /actuator/health?" + MARKER + "=1, 405",
        "DELETE, /actuator/health/liveness?" + MARKER + "=1, 405",
        "GET, /actuator/" + MARKER + ", 401"
    })
    void answersWithAnOperationOutcomeThatEchoesNothing(String method, String path, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertEchoFreeOutcome(response.body());
    }

    @Test
    void answersAUrlTomcatRefusesWithTheSameOutcome() throws Exception {
        String response = raw("GET /actuator/health/%ZZ" + MARKER);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).doesNotContainIgnoringCase("<html");
        assertEchoFreeOutcome(response.substring(response.indexOf("\r\n\r\n")));
    }

    private static void assertEchoFreeOutcome(String body) {
        assertThat(body)
                .contains("\"resourceType\"", "OperationOutcome")
                .doesNotContain(MARKER, "actuator", "trace", "exception\":", "timestamp", "Tomcat");
    }

    /** A request sent as bytes, for what an HTTP client library would refuse. */
    private String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("localhost", managementPort)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
