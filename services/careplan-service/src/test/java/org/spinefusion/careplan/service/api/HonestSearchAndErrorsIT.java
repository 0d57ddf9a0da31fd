package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Searches do what they say (unknown parameters refused when strict, dropped from the search and its self link when
 * lenient, bad values 400), and every error, also those Tomcat or Spring answer before HAPI, is an OperationOutcome
 * that repeats no input and names no internals.
 */
@CarePlanIntegrationTest
class HonestSearchAndErrorsIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<String> UNSUPPORTED = List.of(
            "_tag", "_security", "_profile", "_text", "_content", "_filter", "_has", "_list", "_type", "_since");

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    @Test
    void refusesEachUnsupportedParameterUnderStrictHandling() throws Exception {
        for (String name : UNSUPPORTED) {
            HttpResponse<String> response = http.send(http.fhir("CarePlan?" + name + "=x")
                    .header("Prefer", "handling=strict")
                    .GET());
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains(name);
        }
    }

    @Test
    void leavesUnsupportedParametersOutOfTheSearchAndItsSelfLinkWhenLenient() throws Exception {
        StringBuilder query = new StringBuilder("CarePlan?_count=1&unknown-thing=y");
        UNSUPPORTED.forEach(name -> query.append('&').append(name).append("=x"));
        HttpResponse<String> response = http.send(
                http.fhir(query.toString()).header("Prefer", "handling=lenient").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        String self = FHIR.newJsonParser()
                .parseResource(Bundle.class, response.body())
                .getLink("self")
                .getUrl();
        assertThat(self).contains("_count=1").doesNotContain("unknown-thing");
        UNSUPPORTED.forEach(name -> assertThat(self).doesNotContain(name));
    }

    @Test
    void answersBadResultParametersAndModifiersWithBadRequest() throws Exception {
        for (String path : List.of(
                "CarePlan?_count=abc",
                "CarePlan?_count=-1",
                "CarePlan?_summary=bogus",
                "CarePlan?status:missing=true",
                "CarePlan?subject:missing=true",
                "CarePlan?status:not=active",
                "Goal?_lastUpdated:missing=true",
                "CarePlan?_include:iterate=CarePlan%3Agoal",
                "CarePlan?date=abc")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("java.");
            assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).isNotBlank();
        }
    }

    @Test
    void repeatsNoMarkupOrOtherUnplainInputInErrors() throws Exception {
        for (String path : List.of(
                "CarePlan/a%3Cb%3Eshout",
                "CarePlan?_include=%3Cscript%3Eshout",
                "?_getpages=%22shout%20now%22",
                "CarePlan/x/_history/%3Ci%3Eshout")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            assertThat(outcome(response).getIssueFirstRep().getDiagnostics())
                    .as(path)
                    .doesNotContain("shout")
                    .doesNotContain("<");
        }
        HttpResponse<String> plain = http.get("CarePlan?_include=CarePlan%3Asubject");
        assertThat(outcome(plain).getIssueFirstRep().getDiagnostics()).contains("CarePlan:subject");
    }

    @Test
    void takesARawPipeInATokenSearch() throws Exception {
        String response = raw("GET /fhir/CarePlan?identifier=urn:example|a&_count=1");
        assertThat(response).startsWith("HTTP/1.1 200").contains("\"searchset\"");
    }

    @Test
    void answersUrlsTomcatCannotReadWithAnOutcome() throws Exception {
        for (String requestLine : List.of("GET /fhir/CarePlan/%zz-secret", "GET /fhir/CarePlan/a{secret}")) {
            String response = raw(requestLine);
            assertThat(response).as(requestLine).startsWith("HTTP/1.1 400");
            assertThat(response)
                    .as(requestLine)
                    .contains("\"OperationOutcome\"")
                    .doesNotContain("<html")
                    .doesNotContain("secret")
                    .doesNotContain("org.apache")
                    .doesNotContain("java.");
        }
    }

    @Test
    void answersPathsOutsideTheApiWithAnOutcomeThatDoesNotRepeatThem() throws Exception {
        HttpResponse<String> response =
                http.send(http.root("actuator/health/no-such-4711").GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"OperationOutcome\"").doesNotContain("no-such-4711");
    }

    @Test
    void answersAnInteractionATypeDoesNotSupportWithMethodNotAllowed() throws Exception {
        HttpResponse<String> delete = http.send(http.fhir("CarePlan/anything").DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow").orElse("")).contains("GET");
        assertThat(outcome(delete).getIssue()).isNotEmpty();

        HttpResponse<String> create = http.post("Goal", "application/fhir+json", "{\"resourceType\":\"Goal\"}");
        assertThat(create.statusCode()).isEqualTo(405);
    }

    @Test
    void answersAnAcceptItCannotMeetWithNotAcceptable() throws Exception {
        for (String accept : List.of("application/fhir+xml", "text/turtle", "application/json;q=0, text/xml")) {
            HttpResponse<String> response = http.send(
                    http.fhir("CarePlan?_count=1").setHeader("Accept", accept).GET());
            assertThat(response.statusCode()).as(accept).isEqualTo(406);
            assertThat(outcome(response).getIssue()).isNotEmpty();
        }
        HttpResponse<String> preferringXml = http.send(http.fhir("CarePlan?_count=1")
                .setHeader("Accept", "application/fhir+xml;q=1, application/fhir+json;q=0.5")
                .GET());
        assertThat(preferringXml.statusCode()).isEqualTo(200);
        assertThat(preferringXml.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/fhir+json");
    }

    /** A request sent as bytes, for what an HTTP client library would refuse or encode. */
    private String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/fhir+json\r\n"
                            + "Authorization: Bearer " + TestTokens.system() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
