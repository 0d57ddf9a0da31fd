package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageIndexTest {

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void indexListsExactlyTheResourceFilesWithTheirCurrentMetadata() {
        assertThat(PackageChecks.indexProblems(pkg)).isEmpty();
        assertThat(pkg.index.path("files").size()).isEqualTo(pkg.files.size());
    }

    @Test
    void exampleIndexListsExactlyTheExampleFiles() {
        assertThat(pkg.examples).isNotEmpty();
        assertThat(pkg.exampleIndex.path("index-version").asInt()).isEqualTo(1);
        assertThat(pkg.exampleIndex.path("files").size()).isEqualTo(pkg.examples.size());
        assertThat(PackageChecks.indexProblems(pkg)).noneMatch(p -> p.startsWith("example/"));
    }

    @Test
    void failsWhenAnExampleIsMissingFromTheExampleIndex() {
        ObjectNode index = pkg.exampleIndex.deepCopy();
        String first = index.path("files").path(0).path("filename").asText();
        ((ArrayNode) index.path("files")).remove(0);

        assertThat(PackageChecks.indexProblems(pkg.withExampleIndex(index)))
                .containsExactly(
                        "example/" + first + " is not listed in example/.index.json (run tools/build-index.py)");
    }

    @Test
    void failsWhenTheExampleIndexListsAMissingExampleOrAStaleEntry() {
        String first = pkg.examples.keySet().iterator().next();
        String second = List.copyOf(pkg.examples.keySet()).get(1);

        assertThat(PackageChecks.indexProblems(pkg.withoutExample(first)))
                .containsExactly("example/.index.json lists " + first + " but the file does not exist");
        assertThat(PackageChecks.indexProblems(pkg.withChangedExample(second, sr -> sr.put("id", "renamed"))))
                .containsExactly(
                        "example/" + second + ": example/.index.json entry is stale (run tools/build-index.py)");
    }

    @Test
    void failsWhenAResourceFileIsMissingFromTheIndex() {
        ObjectNode index = pkg.index.deepCopy();
        ((ArrayNode) index.path("files")).remove(0);

        assertThat(PackageChecks.indexProblems(pkg.withIndex(index)))
                .anySatisfy(p -> assertThat(p).contains("is not listed in .index.json"));
    }

    @Test
    void failsWhenTheIndexListsAFileThatDoesNotExist() {
        String first = pkg.files.keySet().iterator().next();

        assertThat(PackageChecks.indexProblems(pkg.withoutFile(first)))
                .contains(".index.json lists " + first + " but the file does not exist");
    }

    @Test
    void failsWhenAnIndexEntryIsStale() {
        FhirPackage changed = pkg.withChangedFile("ValueSet-spinal-region.json", vs -> vs.put("version", "0.2.0"));

        assertThat(PackageChecks.indexProblems(changed))
                .contains("ValueSet-spinal-region.json: .index.json entry is stale (run tools/build-index.py)");
    }

    @Test
    void manifestNamesThePackageAndTheCanonicalBase() {
        assertThat(pkg.manifest.path("name").asText()).isEqualTo("org.spinefusion.careplan");
        assertThat(pkg.manifest.path("version").asText()).isEqualTo("0.1.0");
        assertThat(pkg.manifest.path("canonical").asText()).isEqualTo(FhirPackage.BASE);
        assertThat(pkg.manifest.path("fhirVersions").toString()).isEqualTo("[\"4.0.1\"]");
        assertThat(pkg.manifest.path("dependencies").path("hl7.fhir.r4.core").asText())
                .isEqualTo("4.0.1");
        assertThat(pkg.manifest.path("license").asText()).isNotBlank();
    }
}
