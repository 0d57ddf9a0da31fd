package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.DataTables;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A corpus of hostile request bodies (malformed JSON, wrong types, huge strings, deep nesting, oversized bundles, XXE,
 * script in narrative, invalid and foreign references): every one gets a 4xx with an OperationOutcome, never a 5xx,
 * and the stored data is the same afterwards. Sent with a full-scope system token, so only input handling decides.
 */
@CarePlanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String APPLY = "PlanDefinition/spinal-fusion-pathway/$apply";
    private static final String JSON = "application/fhir+json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Map<String, Long> before;

    record Payload(String name, String path, String contentType, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void countRows() {
        before = counts();
    }

    @AfterAll
    void leavesTheDatabaseUnchanged() {
        assertThat(counts()).isEqualTo(before);
    }

    static Stream<Payload> corpus() {
        List<Payload> corpus = new ArrayList<>();
        String valid = validApply();
        // Malformed JSON
        for (String broken : List.of(
                "{",
                "{\"resourceType\":",
                "[]",
                "null",
                "\"Parameters\"",
                "{\"resourceType\":\"Parameters\",,}",
                valid + "garbage",
                "\uFEFF{not json}",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":\"\\uD800\"}",
                "{}",
                "{\"resourceType\":\"Parameters\"" + " ".repeat(10) + "'single':'quotes'}",
                "\u0000\u0001\u0002")) {
            corpus.add(new Payload("malformed " + corpus.size(), APPLY, JSON, broken));
        }
        // Wrong types
        corpus.add(apply("unknown resource type", "{\"resourceType\":\"Spaceship\"}"));
        corpus.add(apply("resourceType a number", "{\"resourceType\":42}"));
        corpus.add(apply("parameter an object", "{\"resourceType\":\"Parameters\",\"parameter\":{\"name\":\"x\"}}"));
        corpus.add(apply(
                "valueString an object",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":{\"a\":1}}]}"));
        corpus.add(apply(
                "subject a number",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":7}]}"));
        corpus.add(apply(
                "data a string",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":\"Patient/x\"},"
                        + "{\"name\":\"data\",\"valueString\":\"Bundle\"}]}"));
        corpus.add(apply("entry a string", valid.replaceFirst("\"entry\":\\[", "\"entry\":[\"oops\",")));
        corpus.add(apply(
                "id an array",
                valid.replaceFirst("\"resourceType\":\"Bundle\"", "\"resourceType\":\"Bundle\",\"id\":[1]")));
        corpus.add(apply("a Patient instead of Parameters", "{\"resourceType\":\"Patient\",\"id\":\"x\"}"));
        corpus.add(apply(
                "invalid date",
                valid.replaceFirst("\"occurrenceDateTime\":\"[^\"]*\"", "\"occurrenceDateTime\":\"31-02-2026\"")));
        // Huge strings
        corpus.add(apply("2 MB string", "{\"resourceType\":\"Parameters\",\"id\":\"" + "a".repeat(2_100_000) + "\"}"));
        corpus.add(apply("900 kB subject", applyWithSubject("Patient/" + "b".repeat(900_000))));
        corpus.add(apply(
                "900 kB narrative",
                valid.replaceFirst(
                        "\"resourceType\":\"Bundle\"",
                        "\"resourceType\":\"Bundle\",\"meta\":{\"source\":\"" + "c".repeat(900_000) + "\"}")));
        // Deep nesting
        corpus.add(apply("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)));
        corpus.add(apply("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        corpus.add(apply(
                "10,000 nested extensions",
                "{\"resourceType\":\"Parameters\"," + "\"extension\":[{\"url\":\"x\",\"extension\":[".repeat(5_000)
                        + "]}]".repeat(5_000) + "}"));
        corpus.add(apply(
                "200 nested arrays in a value",
                valid.replaceFirst(
                        "\"resourceType\":\"Bundle\"",
                        "\"resourceType\":\"Bundle\",\"x\":" + "[".repeat(200) + "]".repeat(200))));
        // Numbers too large to write out, too long, and duplicate keys
        String goal = "{\"resourceType\":\"Goal\",\"lifecycleStatus\":\"active\","
                + "\"description\":{\"text\":\"x\"},\"subject\":{\"reference\":\"Patient/x\"},"
                + "\"target\":[{\"detailQuantity\":{\"value\":%s}}]}";
        for (String number : List.of(
                "1e999999999",
                "1E+999999999",
                "-1e-999999999",
                "1e99999999999999999999",
                "0.5e2000",
                "1" + "0".repeat(1_000),
                "1." + "5".repeat(1_000))) {
            corpus.add(new Payload(
                    "Goal with number " + number.substring(0, Math.min(20, number.length())),
                    "Goal",
                    JSON,
                    goal.formatted(number)));
        }
        corpus.add(apply(
                "decimal parameter 1e999999999",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"x\",\"valueDecimal\":1e999999999}]}"));
        corpus.add(apply(
                "duplicate keys",
                valid.replaceFirst(
                        "\\{\"resourceType\":\"Parameters\"",
                        "{\"resourceType\":\"Parameters\",\"resourceType\":\"Parameters\"")));
        // Oversized bundles
        corpus.add(apply("1,001 entries in data", bundleWithEntries(1_001)));
        corpus.add(new Payload("transaction of 1,001 entries", "", JSON, transaction(1_001)));
        corpus.add(new Payload("1 MB over the cap", APPLY, JSON, " ".repeat(1_100_000) + valid));
        // XML and XXE
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<Parameters xmlns=\"http://hl7.org/fhir\"><id value=\"&xxe;\"/></Parameters>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<Parameters xmlns=\"http://hl7.org/fhir\"><id value=\"&lol3;\"/></Parameters>";
        for (String type : List.of("application/fhir+xml", "application/xml", "text/xml")) {
            corpus.add(new Payload("XXE as " + type, APPLY, type, xxe));
            corpus.add(new Payload("billion laughs as " + type, APPLY, type, laughs));
        }
        corpus.add(
                apply(
                        "XXE in a JSON narrative",
                        withNarrative(
                                "<!DOCTYPE div [<!ENTITY xxe SYSTEM \\\"file:///etc/passwd\\\">]><div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">&xxe;</div>")));
        corpus.add(apply(
                "entity in a JSON narrative",
                withNarrative("<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">&unknownentity;</div>")));
        // Script in narrative and text
        for (String div : List.of(
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><script>alert(1)</script></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p onclick=\\\"alert(1)\\\">x</p></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><a href=\\\"javascript:alert(1)\\\">x</a></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><a href=\\\" JaVaScRiPt:alert(1)\\\">x</a></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><iframe src=\\\"https://evil.example\\\"></iframe></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><img src=\\\"x\\\" onerror=\\\"alert(1)\\\"/></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p style=\\\"background:url(javascript:alert(1))\\\">x</p></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><object data=\\\"x.swf\\\"></object></div>",
                "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><img src=\\\"data:text/html;base64,PHNjcmlwdD4=\\\"/></div>")) {
            corpus.add(apply("narrative " + corpus.size(), withNarrative(div)));
        }
        corpus.add(apply(
                "script in a note",
                valid.replaceFirst(
                        "\"resourceType\":\"ServiceRequest\"",
                        "\"resourceType\":\"ServiceRequest\",\"note\":[{\"text\":\"<script>alert(1)</script>\"}]")));
        corpus.add(apply("script URL in the subject", applyWithSubject("javascript:alert(1)")));
        // Invalid and foreign references
        for (String reference : List.of(
                "http://evil.example/fhir/Patient/1",
                "https://169.254.169.254/latest/meta-data/Patient/1",
                "file:///etc/passwd",
                "../../etc/passwd",
                "Patient/../../admin",
                "Spaceship/1",
                "Patient/",
                "Patient/" + "x".repeat(100),
                "ftp://evil.example/Patient/1")) {
            corpus.add(apply(
                    "reference " + reference.substring(0, Math.min(40, reference.length())),
                    valid.replaceFirst("\"reference\":\"Patient/[^\"]*\"", "\"reference\":\"" + reference + "\"")));
        }
        // Wrong media types
        corpus.add(new Payload("plain text", APPLY, "text/plain", valid));
        corpus.add(new Payload(
                "multipart", APPLY, "multipart/form-data; boundary=x", "--x\r\n\r\n" + valid + "\r\n--x--"));
        corpus.add(new Payload("no content type", APPLY, "", valid));
        return corpus.stream();
    }

    @Test
    void corpusHasAtLeastFiftyPayloads() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusesHostileInputWithClientErrorOutcome(Payload payload) throws Exception {
        TestHttp http = new TestHttp(port);
        HttpRequest.Builder request =
                http.fhir(payload.path()).POST(HttpRequest.BodyPublishers.ofString(payload.body()));
        if (!payload.contentType().isEmpty()) {
            request.header("Content-Type", payload.contentType());
        }
        HttpResponse<String> response = http.send(request);

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("at org.")
                .doesNotContain("root:");
    }

    @Test
    void answersAHugeNumberQuicklyAndKeepsServing() throws Exception {
        TestHttp http = new TestHttp(port);
        String body = "{\"resourceType\":\"Goal\",\"target\":[{\"detailQuantity\":{\"value\":1e999999999}}]}";
        HttpResponse<String> refused = http.send(
                http.fhir("Goal").header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("digits").doesNotContain("999999999");
        assertThat(http.send(http.fhir("metadata").GET()).statusCode()).isEqualTo(200);
    }

    private Map<String, Long> counts() {
        return DataTables.counts(jdbc);
    }

    private static Payload apply(String name, String body) {
        return new Payload(name, APPLY, JSON, body);
    }

    private static EpisodeSpec episode() {
        return EpisodeMatrix.episodes(LocalDate.now()).get(0);
    }

    private static String validApply() {
        return applyWithSubject(episode().patient().getReference());
    }

    private static String applyWithSubject(String subject) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(subject));
        parameters.addParameter().setName("data").setResource(episode().data());
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static String withNarrative(String div) {
        return validApply()
                .replaceFirst(
                        "\"resourceType\":\"ServiceRequest\"",
                        "\"resourceType\":\"ServiceRequest\",\"text\":{\"status\":\"generated\",\"div\":\"" + div
                                + "\"}");
    }

    private static String bundleWithEntries(int entries) {
        Bundle data = episode().data().copy();
        for (int i = data.getEntry().size(); i < entries; i++) {
            data.addEntry().setResource(new org.hl7.fhir.r4.model.Basic().setId("b" + i));
        }
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode().patient().getReference()));
        parameters.addParameter().setName("data").setResource(data);
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static String transaction(int entries) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < entries; i++) {
            bundle.addEntry()
                    .setResource(new org.hl7.fhir.r4.model.Basic())
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Basic");
        }
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }
}
