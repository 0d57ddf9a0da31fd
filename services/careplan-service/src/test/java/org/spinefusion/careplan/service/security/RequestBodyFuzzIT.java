package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.DataTables;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated hostile bodies: every element of a valid {@code $apply} request and of a QuestionnaireResponse is, in
 * turn, given a value of the wrong JSON type (other than the two coercions HAPI makes on purpose, noted below), a number too large to write out, a 1,000-digit number, deep nesting, a
 * duplicate key or an unknown element with a unicode name. Each mutant breaks the FHIR JSON rules by construction, so
 * each must be a 4xx with an OperationOutcome, never a 5xx, and the stored data must not change. The seed is fixed,
 * so a failure names a case that can be rerun.
 */
@CarePlanIntegrationTest
class RequestBodyFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final long SEED = 20261201L;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    record Mutant(String description, String path, String body) {}

    @Test
    void refusesEveryMutantWithAClientErrorAndChangesNothing() throws Exception {
        Map<String, Long> before = counts();
        List<Mutant> mutants = new ArrayList<>();
        mutants.addAll(mutate("PlanDefinition/spinal-fusion-pathway/$apply", validApply()));
        mutants.addAll(mutate("QuestionnaireResponse", validResponse()));
        TestHttp http = new TestHttp(port);
        List<String> failures = new ArrayList<>();
        for (Mutant mutant : mutants) {
            HttpResponse<String> response = http.send(http.fhir(mutant.path())
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(mutant.body())));
            if (response.statusCode() < 400 || response.statusCode() > 499 || !isOutcome(response.body())) {
                failures.add(response.statusCode() + " for " + mutant.description());
            }
        }
        assertThat(mutants).hasSizeGreaterThan(300);
        assertThat(failures).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }

    private static List<Mutant> mutate(String path, String valid) throws Exception {
        JsonNode root = JSON.readTree(valid);
        List<List<Object>> locations = new ArrayList<>();
        collect(root, new ArrayList<>(), locations);
        Random random = new Random(SEED);
        List<Mutant> mutants = new ArrayList<>();
        Map<String, UnaryOperator<JsonNode>> mutations = mutations(random);
        for (List<Object> location : locations) {
            JsonNode original = at(root, location);
            for (Map.Entry<String, UnaryOperator<JsonNode>> mutation : mutations.entrySet()) {
                JsonNode replacement = mutation.getValue().apply(original);
                if (replacement == null) {
                    continue;
                }
                JsonNode copy = root.deepCopy();
                replace(copy, location, replacement);
                mutants.add(new Mutant(mutation.getKey() + " at " + location + " of " + path, path, copy.toString()));
            }
        }
        for (List<Object> location : locations) {
            if (location.size() > 1 && location.get(location.size() - 1) instanceof String key) {
                String body = root.toString();
                String field = "\"" + key + "\":";
                int at = body.indexOf(field);
                if (at > 0) {
                    mutants.add(new Mutant(
                            "duplicate key " + key + " of " + path,
                            path,
                            body.substring(0, at) + field + "null," + body.substring(at)));
                }
            }
        }
        for (String name : List.of("\u202Eevil", "caf\u00e9", "\uD83D\uDE00", "ex\u0000tension", "\uFEFFid")) {
            ObjectNode copy = root.deepCopy();
            copy.put(name, "x");
            mutants.add(new Mutant(
                    "unknown element " + name.codePoints().count() + " code points of " + path, path, copy.toString()));
        }
        return mutants;
    }

    /** Each returns a value of another JSON kind than the original, or null when it does not apply. */
    private static Map<String, UnaryOperator<JsonNode>> mutations(Random random) {
        Map<String, UnaryOperator<JsonNode>> mutations = new LinkedHashMap<>();
        mutations.put("wrong type", original -> {
            List<JsonNode> others = new ArrayList<>();
            // A JSON number or boolean where FHIR wants a string is read by HAPI as its text, so it is not wrong here.
            if (!original.isTextual()) others.add(TextNode.valueOf("\u0000\uD800" + random.nextInt()));
            if (!original.isNumber() && !original.isTextual()) {
                others.add(JSON.getNodeFactory().numberNode(random.nextInt()));
            }
            if (!original.isBoolean() && !original.isTextual()) {
                others.add(JSON.getNodeFactory().booleanNode(random.nextBoolean()));
            }
            // HAPI also reads a one-element array for a single-valued element as that element, and a single value
            // for a repeating one as a one-element array; neither is tried.
            if (original.isArray()) others.clear();
            if (!original.isObject()) others.add(JSON.createObjectNode().put("unexpected", 1));
            return others.get(random.nextInt(others.size()));
        });
        mutations.put(
                "number too large to write out",
                original -> original.isNumber() || original.isTextual()
                        ? JSON.getNodeFactory()
                                .numberNode(new java.math.BigDecimal("1e" + (999_999_000 + random.nextInt(999))))
                        : null);
        mutations.put(
                "1,000-digit number",
                original -> original.isValueNode()
                        ? JSON.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(1_000)))
                        : null);
        mutations.put("nested 100 deep", original -> {
            JsonNode nested = original;
            for (int i = 0; i < 100; i++) {
                nested = JSON.createArrayNode().add(nested);
            }
            return nested;
        });
        return mutations;
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> into) {
        if (!path.isEmpty() && !path.get(path.size() - 1).equals("resourceType")) {
            into.add(List.copyOf(path));
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                path.add(name);
                collect(node.get(name), path, into);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, into);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static boolean isOutcome(String body) {
        try {
            return FHIR.newJsonParser()
                    .parseResource(OperationOutcome.class, body)
                    .hasIssue();
        } catch (RuntimeException notAnOutcome) {
            return false;
        }
    }

    private Map<String, Long> counts() {
        return DataTables.counts(jdbc);
    }

    private static String validApply() {
        EpisodeSpec episode = EpisodeMatrix.episodes(LocalDate.now()).get(0);
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static String validResponse() {
        return """
                {"resourceType":"QuestionnaireResponse","status":"completed",
                 "questionnaire":"http://careplan.spinefusion.org/fhir/Questionnaire/postop-symptom-check",
                 "subject":{"reference":"Patient/fuzz"},"authored":"2026-12-01T10:00:00Z",
                 "item":[{"linkId":"temperature","answer":[{"valueDecimal":37.2}]},
                         {"linkId":"wound","item":[{"linkId":"wound-redness","answer":[{"valueBoolean":false}]}]}]}
                """;
    }
}
