package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathwayPlanDefinitionTest {

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void followsTheContractForPhasesActionsAndGoals() {
        assertThat(PackageChecks.pathwayProblems(pkg)).isEmpty();
        assertThat(pkg.pathway()
                        .path("type")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("clinical-protocol");
    }

    @Test
    void coversTheWholePathwayWithAboutFortyToSeventyActions() {
        assertThat(FhirPackage.nestedActions(pkg.pathway())).hasSizeBetween(40, 70);
        for (JsonNode phase : pkg.pathway().path("action")) {
            assertThat(phase.path("action").size())
                    .as(phase.path("id").asText())
                    .isGreaterThan(0);
        }
    }

    @Test
    void hasTheRecoveryMilestonesAsGoals() {
        Set<String> goals = new HashSet<>();
        pkg.pathway().path("goal").forEach(g -> goals.add(g.path("id").asText()));
        assertThat(goals)
                .contains(
                        "walking",
                        "home",
                        "daily-activities",
                        "driving",
                        "desk-work",
                        "manual-work",
                        "physical-therapy-complete",
                        "solid-fusion");
    }

    @Test
    void tailorsTheActionsToEveryEpisodeDetailTheIssueNames() {
        String conditions = FhirPackage.nestedActions(pkg.pathway()).stream()
                .map(a -> a.path("condition").toString())
                .reduce("", String::concat);
        for (String fact : List.of(
                "nicotine-use",
                "metal-allergy",
                "hardware-screws",
                "setting-inpatient",
                "setting-outpatient",
                "closure-removable-sutures",
                "closure-staples",
                "closure-absorbable-sutures",
                "brace-prescribed",
                "blood-thinners",
                "decompression",
                "'cervical'",
                "'lumbar'")) {
            assertThat(conditions).as(fact).contains(fact);
        }
    }

    @Test
    void metalAllergyReviewNeedsBothHardwareAndTheAllergy() {
        JsonNode review = FhirPackage.nestedActions(pkg.pathway()).stream()
                .filter(a -> a.path("id").asText().equals("metal-allergy-review"))
                .findFirst()
                .orElseThrow();
        assertThat(review.path("condition").size()).isEqualTo(2);
        assertThat(review.path("condition").toString()).contains("hardware-").contains("metal-allergy");
    }

    @Test
    void educationActionsSendAMessageWrittenForThePatient() {
        for (JsonNode action : FhirPackage.nestedActions(pkg.pathway())) {
            JsonNode definition =
                    pkg.byCanonical(action.path("definitionCanonical").asText()).orElseThrow();
            if (definition.path("kind").asText().equals("CommunicationRequest")) {
                String message = definition.path("description").asText();
                // plain language (PlainLanguageTest) means short sentences, so a message is kept short in words
                assertThat(message.split("[.!?]\\s").length)
                        .as(action.path("id").asText() + " message has a few short sentences")
                        .isBetween(2, 15);
                assertThat(message.split("\\s+").length)
                        .as(action.path("id").asText() + " message is at most 150 words")
                        .isLessThanOrEqualTo(150);
                assertThat(action.path("participant").path(0).path("type").asText())
                        .isEqualTo("patient");
            }
        }
    }

    @Test
    void failsWhenANestedActionLosesItsTimingRelativeToSurgery() {
        FhirPackage changed = pkg.withChangedFile(
                "PlanDefinition-spinal-fusion-pathway.json",
                pd -> ((ObjectNode) pd.path("action").path(0).path("action").path(0)).remove("relatedAction"));

        assertThat(PackageChecks.pathwayProblems(changed))
                .contains("action education-welcome: relatedAction[0] must point at surgery");
    }

    @Test
    void failsWhenActionIdsRepeat() {
        FhirPackage changed = pkg.withChangedFile(
                "PlanDefinition-spinal-fusion-pathway.json",
                pd -> ((ObjectNode) pd.path("action").path(0).path("action").path(1)).put("id", "education-welcome"));

        assertThat(PackageChecks.pathwayProblems(changed)).contains("action id education-welcome is not unique");
    }

    @Test
    void failsWhenAnActionHasNoParticipantOrCode() {
        FhirPackage changed = pkg.withChangedFile("PlanDefinition-spinal-fusion-pathway.json", pd -> {
            ObjectNode action =
                    (ObjectNode) pd.path("action").path(1).path("action").path(0);
            action.remove("participant");
            action.remove("code");
        });

        assertThat(PackageChecks.pathwayProblems(changed))
                .anySatisfy(p -> assertThat(p).endsWith("participant needs a type and a care-team-role"))
                .anySatisfy(p -> assertThat(p).endsWith("no code"));
    }

    @Test
    void failsWhenAnOffsetIsNotAUcumDuration() {
        FhirPackage changed = pkg.withChangedFile("PlanDefinition-spinal-fusion-pathway.json", pd -> {
            JsonNode related = pd.path("action")
                    .path(0)
                    .path("action")
                    .path(0)
                    .path("relatedAction")
                    .path(0);
            ((ObjectNode) related.path("offsetRange").path("low")).put("code", "days");
        });

        assertThat(PackageChecks.pathwayProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("offsetRange.low must be a UCUM Duration"));
    }

    @Test
    void failsWhenAGoalHasNoDueOffset() {
        FhirPackage changed = pkg.withChangedFile(
                "PlanDefinition-spinal-fusion-pathway.json",
                pd -> ((ObjectNode) pd.path("goal").path(0).path("target").path(0)).remove("due"));

        assertThat(PackageChecks.pathwayProblems(changed))
                .anySatisfy(p -> assertThat(p).startsWith("goal walking due must be a UCUM Duration"));
    }

    @Test
    void failsWhenAnActionSupportsAGoalThatDoesNotExist() {
        FhirPackage changed = pkg.withChangedFile("PlanDefinition-spinal-fusion-pathway.json", pd -> ((ObjectNode)
                        pd.path("action").path(0).path("action").path(0))
                .putArray("goalId")
                .add("flying"));

        assertThat(PackageChecks.pathwayProblems(changed))
                .contains("action education-welcome: goalId flying is not a goal");
    }
}
