package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageMapTest {

    /** Every section of the patient guide; each must be carried by at least one artifact. */
    static final List<String> GUIDE_SECTIONS = List.of(
            "what-is-spinal-fusion",
            "what-it-treats",
            "prep-checkup-labs",
            "prep-medication-review",
            "prep-support-planning",
            "prep-anesthesia-planning",
            "prep-blood-supply-planning",
            "prep-nicotine",
            "prep-cleansing",
            "prep-fasting",
            "day-preparation-area",
            "day-operating-room",
            "during-approach",
            "during-incision-type",
            "during-graft",
            "during-hardware-metal-allergy",
            "during-decompression",
            "closure",
            "recovery-room",
            "how-long-surgery-takes",
            "after-inpatient-outpatient",
            "after-posture-brace",
            "after-activity-limits",
            "after-physical-therapy",
            "benefits",
            "risks",
            "recovery-time",
            "when-to-call-follow-up",
            "when-to-call-infection",
            "when-to-call-nerves",
            "how-serious",
            "normal-life",
            "how-painful",
            "how-long-it-lasts",
            "closing-note");

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyGuideSectionIsMappedAndEveryMappedArtifactExists() {
        assertThat(PackageChecks.coverageProblems(pkg, GUIDE_SECTIONS)).isEmpty();
    }

    @Test
    void failsWhenACoverageMapEntryPointsAtAMissingAction() {
        ObjectNode coverage = pkg.coverage.deepCopy();
        ((ArrayNode) coverage.path("sections").path(0).path("artifacts"))
                .add(FhirPackage.BASE + "/PlanDefinition/spinal-fusion-pathway#no-such-action");

        assertThat(PackageChecks.coverageProblems(pkg.withCoverage(coverage), GUIDE_SECTIONS))
                .anySatisfy(p -> assertThat(p).contains("#no-such-action points at a missing element"));
    }

    @Test
    void failsWhenACoverageMapEntryPointsAtAMissingQuestionnaireItem() {
        ObjectNode coverage = pkg.coverage.deepCopy();
        ((ArrayNode) coverage.path("sections").path(0).path("artifacts"))
                .add(FhirPackage.BASE + "/Questionnaire/postop-symptom-check#no-such-item");

        assertThat(PackageChecks.coverageProblems(pkg.withCoverage(coverage), GUIDE_SECTIONS))
                .anySatisfy(p -> assertThat(p).contains("#no-such-item points at a missing element"));
    }

    @Test
    void failsWhenAMappedArtifactIsNotInThePackage() {
        FhirPackage withoutFile = pkg.withoutFile("ActivityDefinition-education-risks.json");

        assertThat(PackageChecks.coverageProblems(withoutFile, GUIDE_SECTIONS))
                .anySatisfy(p -> assertThat(p).contains("ActivityDefinition/education-risks is not in the package"));
    }

    @Test
    void failsWhenAGuideSectionHasNoEntry() {
        ObjectNode coverage = pkg.coverage.deepCopy();
        ArrayNode sections = (ArrayNode) coverage.path("sections");
        for (int i = sections.size() - 1; i >= 0; i--) {
            if (sections.get(i).path("id").asText().equals("risks")) {
                sections.remove(i);
            }
        }

        assertThat(PackageChecks.coverageProblems(pkg.withCoverage(coverage), GUIDE_SECTIONS))
                .contains("guide section risks has no entry in the coverage map");
    }
}
