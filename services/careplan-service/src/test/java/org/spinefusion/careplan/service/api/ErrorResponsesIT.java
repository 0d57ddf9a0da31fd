package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.TestOperations;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad requests get a 4xx OperationOutcome that says what is wrong; server faults a 500 without internals. */
@CarePlanIntegrationTest
class ErrorResponsesIT {

    private static final String PARAMETERS =
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"text\",\"valueString\":\"hello\"}]}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void acceptsWellFormedFhirJson() throws Exception {
        HttpResponse<String> response = post("/$test-echo", "application/fhir+json", PARAMETERS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("hello");
    }

    @Test
    void rejectsMalformedJsonWithBadRequest() throws Exception {
        HttpResponse<String> response =
                post("/$test-echo", "application/fhir+json", "{\"resourceType\":\"Parameters\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).isNotBlank();
    }

    @Test
    void rejectsWrongContentTypeWithUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = post("/$test-echo", "text/plain", "text=hello");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("text/plain");
    }

    @Test
    void hidesInternalsOfUnexpectedFailures() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(FhirClients.base(port) + "/$test-fail"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .doesNotContain(TestOperations.SECRET)
                .doesNotContain("IllegalStateException")
                .doesNotContain("at org.");
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("incident");
    }

    @Test
    void answersUnknownResourceTypeWithOutcome() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(FhirClients.base(port) + "/Spaceship/1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("Spaceship");
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(FhirClients.base(port) + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
