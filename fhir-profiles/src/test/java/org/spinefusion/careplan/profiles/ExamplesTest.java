package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example episodes in package/example/: valid surgery requests that together use every tailoring fact. */
class ExamplesTest {

    private static final String SMOKER = "ServiceRequest-example-lumbar-posterior-open-smoker.json";

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyExampleIsAValidSurgeryRequest() {
        assertThat(pkg.examples).hasSizeGreaterThanOrEqualTo(5);
        List<String> problems = new ArrayList<>();
        pkg.examples.forEach(
                (filename, sr) -> problems.addAll(PackageChecks.surgeryRequestProblems(pkg, filename, sr)));
        assertThat(problems).isEmpty();
    }

    @Test
    void examplesAreDatedIn2027WithRealisticIdentifiers() {
        Set<String> identifiers = new HashSet<>();
        Set<String> patients = new HashSet<>();
        pkg.examples.forEach((filename, sr) -> {
            assertThat(sr.path("occurrenceDateTime").asText()).as(filename).startsWith("2027-");
            assertThat(sr.path("authoredOn").asText()).as(filename).startsWith("2027-");
            assertThat(sr.path("authoredOn").asText().substring(0, 10))
                    .as(filename + " is ordered before the surgery")
                    .isLessThan(sr.path("occurrenceDateTime").asText().substring(0, 10));
            JsonNode identifier = sr.path("identifier").path(0);
            assertThat(identifier.path("system").asText()).as(filename).isEqualTo("urn:oid:2.16.840.1.113883.3.9999.1");
            assertThat(identifier.path("value").asText()).as(filename).matches("ORD-2027-\\d{6}");
            assertThat(identifiers.add(identifier.path("value").asText()))
                    .as(filename + " identifier is unique")
                    .isTrue();
            assertThat(patients.add(sr.path("subject").path("reference").asText()))
                    .as(filename + " patient is unique")
                    .isTrue();
            assertThat(sr.path("extension").path(0).path("valueString").asText())
                    .as(filename)
                    .matches("[CTLS]\\d+-[CTLS]\\d+");
        });
    }

    @Test
    void examplesTogetherUseEveryRegionEveryEpisodeDetailAndACancelledEpisode() {
        Set<String> regions = new HashSet<>();
        Set<String> details = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        int multiRegion = 0;
        for (JsonNode sr : pkg.examples.values()) {
            sr.path("bodySite")
                    .forEach(b ->
                            regions.add(b.path("coding").path(0).path("code").asText()));
            sr.path("orderDetail")
                    .forEach(d ->
                            details.add(d.path("coding").path(0).path("code").asText()));
            statuses.add(sr.path("status").asText());
            multiRegion += sr.path("bodySite").size() > 1 ? 1 : 0;
        }
        assertThat(regions).containsExactlyInAnyOrder(codes("spinal-region").toArray(String[]::new));
        assertThat(details).containsExactlyInAnyOrder(codes("episode-detail").toArray(String[]::new));
        assertThat(statuses).contains("active", "revoked");
        assertThat(multiRegion).isPositive();
    }

    /**
     * The details that exclude each other (property {@code excludes} of CodeSystem episode-detail, which the engine
     * refuses together) are named on both codes, and no example gives both.
     */
    @Test
    void excludedDetailsAreNamedBothWaysAndNoExampleGivesBoth() {
        Map<String, Set<String>> excludes = new HashMap<>();
        for (JsonNode concept : pkg.resource("CodeSystem", "episode-detail").path("concept")) {
            for (JsonNode property : concept.path("property")) {
                if (property.path("code").asText().equals("excludes")) {
                    excludes.computeIfAbsent(concept.path("code").asText(), c -> new HashSet<>())
                            .add(property.path("valueCode").asText());
                }
            }
        }
        assertThat(excludes)
                .containsKeys(
                        "setting-inpatient", "setting-outpatient", "technique-open", "technique-minimally-invasive");
        excludes.forEach((code, others) -> {
            assertThat(codes("episode-detail")).containsAll(others);
            others.forEach(other -> assertThat(excludes.getOrDefault(other, Set.of()))
                    .as(other + " excludes " + code)
                    .contains(code));
        });
        for (Map.Entry<String, JsonNode> example : pkg.examples.entrySet()) {
            Set<String> details = new HashSet<>();
            example.getValue()
                    .path("orderDetail")
                    .forEach(d ->
                            details.add(d.path("coding").path(0).path("code").asText()));
            for (String detail : details) {
                assertThat(excludes.getOrDefault(detail, Set.of()))
                        .as(example.getKey() + ": " + detail)
                        .doesNotContainAnyElementsOf(details);
            }
        }
    }

    @Test
    void failsWhenAnExampleBreaksTheProfile() {
        FhirPackage changed = pkg.withChangedExample(SMOKER, sr -> {
            sr.put("intent", "plan");
            ((ObjectNode) sr.path("code").path("coding").path(0)).put("code", "12345");
            ((ObjectNode) sr.path("orderDetail").path(0).path("coding").path(0)).put("code", "approach-sideways");
            sr.remove("meta");
            sr.remove("bodySite");
        });

        assertThat(PackageChecks.surgeryRequestProblems(changed, SMOKER, changed.examples.get(SMOKER)))
                .contains(
                        SMOKER + ": intent must be order",
                        SMOKER + ": code must be a coding from ValueSet/spinal-fusion-procedure",
                        SMOKER + ": meta.profile must claim " + PackageChecks.SURGERY_REQUEST_PROFILE,
                        SMOKER + ": needs at least one bodySite")
                .anySatisfy(p -> assertThat(p).contains("approach-sideways").endsWith("CodeSystem/episode-detail"));
    }

    @Test
    void failsWhenTheSurgeryDateIsNotADateTime() {
        FhirPackage changed = pkg.withChangedExample(SMOKER, sr -> {
            sr.remove("occurrenceDateTime");
            sr.putObject("occurrencePeriod").put("start", "2027-03-09");
        });

        assertThat(PackageChecks.surgeryRequestProblems(changed, SMOKER, changed.examples.get(SMOKER)))
                .contains(
                        SMOKER + ": occurrenceDateTime (the surgery date) must be a date or dateTime",
                        SMOKER + ": occurrence[x] must be a dateTime");
    }

    private Set<String> codes(String codeSystem) {
        Set<String> codes = new HashSet<>();
        pkg.resource("CodeSystem", codeSystem)
                .path("concept")
                .forEach(c -> codes.add(c.path("code").asText()));
        return codes;
    }
}
