package org.spinefusion.careplan.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The FHIR package of this module, loaded from the source tree, as plain JSON. */
final class FhirPackage {

    static final String BASE = "http://careplan.spinefusion.org/fhir";
    static final Path PACKAGE_DIR = Path.of("package");
    static final Path EXAMPLE_DIR = PACKAGE_DIR.resolve("example");
    static final Path COVERAGE_FILE = Path.of("coverage", "guide-coverage.json");
    static final ObjectMapper JSON = new ObjectMapper();

    /** filename -> resource, for every resource file (not package.json or .index.json). */
    final Map<String, JsonNode> files;

    final JsonNode index;
    final JsonNode manifest;
    final JsonNode coverage;

    /** filename -> resource, for every example in {@code package/example/} (not its .index.json). */
    final Map<String, JsonNode> examples;

    final JsonNode exampleIndex;

    private FhirPackage(
            Map<String, JsonNode> files,
            JsonNode index,
            JsonNode manifest,
            JsonNode coverage,
            Map<String, JsonNode> examples,
            JsonNode exampleIndex) {
        this.files = files;
        this.index = index;
        this.manifest = manifest;
        this.coverage = coverage;
        this.examples = examples;
        this.exampleIndex = exampleIndex;
    }

    static FhirPackage load() {
        return new FhirPackage(
                resourceFiles(PACKAGE_DIR),
                read(PACKAGE_DIR.resolve(".index.json")),
                read(PACKAGE_DIR.resolve("package.json")),
                read(COVERAGE_FILE),
                resourceFiles(EXAMPLE_DIR),
                read(EXAMPLE_DIR.resolve(".index.json")));
    }

    /** The JSON resource files directly in {@code dir}, by file name (not package.json or .index.json). */
    private static Map<String, JsonNode> resourceFiles(Path dir) {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path path : paths.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.endsWith(".json") && !name.equals("package.json") && !name.equals(".index.json")) {
                    files.put(name, read(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static JsonNode read(Path path) {
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + path, e);
        }
    }

    /** A deep copy whose file {@code filename} has been changed by {@code change}. */
    FhirPackage withChangedFile(String filename, Consumer<ObjectNode> change) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        files.forEach((name, node) -> copy.put(name, node.deepCopy()));
        change.accept((ObjectNode) copy.get(filename));
        return new FhirPackage(
                copy, index.deepCopy(), manifest.deepCopy(), coverage.deepCopy(), examples, exampleIndex);
    }

    FhirPackage withoutFile(String filename) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(files);
        copy.remove(filename);
        return new FhirPackage(copy, index, manifest, coverage, examples, exampleIndex);
    }

    FhirPackage withIndex(JsonNode newIndex) {
        return new FhirPackage(files, newIndex, manifest, coverage, examples, exampleIndex);
    }

    FhirPackage withCoverage(JsonNode newCoverage) {
        return new FhirPackage(files, index, manifest, newCoverage, examples, exampleIndex);
    }

    /** A deep copy whose example {@code filename} has been changed by {@code change}. */
    FhirPackage withChangedExample(String filename, Consumer<ObjectNode> change) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        examples.forEach((name, node) -> copy.put(name, node.deepCopy()));
        change.accept((ObjectNode) copy.get(filename));
        return new FhirPackage(files, index, manifest, coverage, copy, exampleIndex.deepCopy());
    }

    FhirPackage withoutExample(String filename) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(examples);
        copy.remove(filename);
        return new FhirPackage(files, index, manifest, coverage, copy, exampleIndex);
    }

    FhirPackage withExampleIndex(JsonNode newIndex) {
        return new FhirPackage(files, index, manifest, coverage, examples, newIndex);
    }

    JsonNode resource(String resourceType, String id) {
        return files.get(resourceType + "-" + id + ".json");
    }

    Optional<JsonNode> byCanonical(String canonical) {
        String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        return files.values().stream()
                .filter(r -> url.equals(r.path("url").asText(null)))
                .findFirst();
    }

    JsonNode pathway() {
        return resource("PlanDefinition", "spinal-fusion-pathway");
    }

    JsonNode escalation() {
        return resource("PlanDefinition", "spinal-fusion-escalation");
    }

    /** The nested actions of the pathway (one per CarePlan activity). */
    static List<JsonNode> nestedActions(JsonNode planDefinition) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode phase : planDefinition.path("action")) {
            phase.path("action").forEach(out::add);
        }
        return out;
    }

    /** Every action at any depth. */
    static List<JsonNode> allActions(JsonNode planDefinition) {
        List<JsonNode> out = new ArrayList<>();
        collectActions(planDefinition.path("action"), out);
        return out;
    }

    private static void collectActions(JsonNode actions, List<JsonNode> out) {
        for (JsonNode action : actions) {
            out.add(action);
            collectActions(action.path("action"), out);
        }
    }

    /** Every item of a Questionnaire at any depth. */
    static List<JsonNode> items(JsonNode questionnaire) {
        List<JsonNode> out = new ArrayList<>();
        collectItems(questionnaire.path("item"), out);
        return out;
    }

    private static void collectItems(JsonNode items, List<JsonNode> out) {
        for (JsonNode item : items) {
            out.add(item);
            collectItems(item.path("item"), out);
        }
    }

    /** Every JSON object below {@code node} (including itself) that has field {@code field}. */
    static List<JsonNode> objectsWith(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        walk(node, n -> {
            if (n.isObject() && n.has(field)) {
                out.add(n);
            }
        });
        return out;
    }

    static void walk(JsonNode node, Consumer<JsonNode> visitor) {
        visitor.accept(node);
        if (node.isContainerNode()) {
            node.forEach(child -> walk(child, visitor));
        }
    }
}
