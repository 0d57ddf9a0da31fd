package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestOperations;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad requests get a 4xx OperationOutcome that says what is wrong; server faults a 500 without internals. */
@CarePlanIntegrationTest
class ErrorResponsesIT {

    private static final String PARAMETERS =
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"text\",\"valueString\":\"hello\"}]}";

    @LocalServerPort
    int port;

    private TestHttp http() {
        return new TestHttp(port);
    }

    @Test
    void acceptsWellFormedFhirJson() throws Exception {
        HttpResponse<String> response = post("$test-echo", "application/fhir+json", PARAMETERS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("hello");
    }

    @Test
    void rejectsMalformedJsonWithBadRequest() throws Exception {
        HttpResponse<String> response =
                post("$test-echo", "application/fhir+json", "{\"resourceType\":\"Parameters\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).isNotBlank();
    }

    @Test
    void rejectsWrongContentTypeWithUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = post("$test-echo", "text/plain", "text=hello");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("application/fhir+json");
    }

    @Test
    void hidesInternalsOfUnexpectedFailures() throws Exception {
        HttpResponse<String> response = http().get("$test-fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .doesNotContain(TestOperations.SECRET)
                .doesNotContain("IllegalStateException")
                .doesNotContain("at org.");
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("incident");
    }

    @Test
    void answersUnknownResourceTypeWithOutcome() throws Exception {
        HttpResponse<String> response = http().get("Spaceship/1");

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("Spaceship");
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http().post(path, contentType, body);
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
