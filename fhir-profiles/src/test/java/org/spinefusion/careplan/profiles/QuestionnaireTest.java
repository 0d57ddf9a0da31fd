package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionnaireTest {

    private static final List<String> QUESTIONNAIRES =
            List.of("preop-readiness", "postop-symptom-check", "milestone-checkin");
    private static final String APPLICABILITY = FhirPackage.BASE + "/StructureDefinition/item-applicability";

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void itemsAreCodedHaveAnswerOptionsAndValidEnableWhen() {
        for (String id : QUESTIONNAIRES) {
            JsonNode questionnaire = pkg.resource("Questionnaire", id);
            assertThat(questionnaire).as(id).isNotNull();
            assertThat(PackageChecks.questionnaireProblems(questionnaire))
                    .as(id)
                    .isEmpty();
        }
    }

    @Test
    void painIsAnIntegerFromZeroToTenCodedWithLoinc() {
        JsonNode pain = item("postop-symptom-check", "pain-score");
        assertThat(pain.path("type").asText()).isEqualTo("integer");
        assertThat(pain.path("code").path(0).path("code").asText()).isEqualTo("72514-3");
        assertThat(pain.path("extension").toString())
                .contains("\"valueInteger\":0")
                .contains("\"valueInteger\":10");
    }

    @Test
    void temperatureIsADecimalInCelsiusCodedWithLoinc() {
        JsonNode temperature = item("postop-symptom-check", "temperature");
        assertThat(temperature.path("type").asText()).isEqualTo("decimal");
        assertThat(temperature.path("code").path(0).path("code").asText()).isEqualTo("8310-5");
        assertThat(temperature.path("extension").toString())
                .contains("questionnaire-unit")
                .contains("Cel");
    }

    @Test
    void cervicalOnlyItemsCarryTheApplicabilityExpression() {
        for (String link : List.of(
                "neck", "swallowing-difficulty", "neck-swelling-rapid", "breathing-noisy-difficult", "hoarseness")) {
            JsonNode extension =
                    item("postop-symptom-check", link).path("extension").path(0);
            assertThat(extension.path("url").asText()).as(link).isEqualTo(APPLICABILITY);
            assertThat(extension.path("valueExpression").path("expression").asText())
                    .isEqualTo("%surgery.bodySite.coding.where(code = 'cervical').exists()");
        }
    }

    @Test
    void theSymptomCheckAsksEveryQuestionTheIssueLists() {
        assertThat(PackageChecks.fragmentIds(pkg.resource("Questionnaire", "postop-symptom-check")))
                .contains(
                        "temperature",
                        "pain-score",
                        "wound-swelling",
                        "wound-warmth",
                        "wound-redness",
                        "wound-drainage",
                        "wound-bleeding",
                        "dizziness-weakness",
                        "numbness-tingling",
                        "leg-weakness",
                        "bladder-change",
                        "bowel-control-loss",
                        "calf-pain-swelling",
                        "chest-pain",
                        "shortness-of-breath",
                        "swallowing-difficulty",
                        "breathing-noisy-difficult");
    }

    @Test
    void milestoneCheckInItemsPointAtPathwayGoals() {
        assertThat(PackageChecks.milestoneLinkProblems(pkg)).isEmpty();
    }

    @Test
    void failsWhenAMilestoneItemPointsAtAnUnknownGoal() {
        FhirPackage changed = pkg.withChangedFile("Questionnaire-milestone-checkin.json", q -> {
            for (JsonNode item : FhirPackage.items(q)) {
                if (item.path("linkId").asText().equals("driving")) {
                    ((ObjectNode) item.path("code").path(0)).put("code", "flying");
                }
            }
        });

        assertThat(PackageChecks.milestoneLinkProblems(changed))
                .contains("milestone-checkin#driving points at unknown goal flying");
    }

    @Test
    void failsWhenAChoiceItemHasNoAnswers() {
        ObjectNode q = pkg.resource("Questionnaire", "milestone-checkin").deepCopy();
        for (JsonNode item : FhirPackage.items(q)) {
            ((ObjectNode) item).remove("answerValueSet");
        }

        assertThat(PackageChecks.questionnaireProblems(q))
                .contains("milestone-checkin#driving: choice item without answerOption or answerValueSet");
    }

    @Test
    void failsWhenEnableWhenRefersToAMissingQuestion() {
        ObjectNode q = pkg.resource("Questionnaire", "postop-symptom-check").deepCopy();
        for (JsonNode item : FhirPackage.items(q)) {
            if (item.path("linkId").asText().equals("temperature")) {
                ((ObjectNode) ((ArrayNode) item.path("enableWhen")).get(0)).put("question", "thermometer");
            }
        }

        assertThat(PackageChecks.questionnaireProblems(q))
                .contains(
                        "postop-symptom-check#temperature: enableWhen refers to thermometer, which is not an earlier item");
    }

    @Test
    void containsNoLicensedInstrumentText() {
        for (String id : QUESTIONNAIRES) {
            for (JsonNode item : FhirPackage.items(pkg.resource("Questionnaire", id))) {
                assertThat(item.path("text").asText().toLowerCase())
                        .doesNotContain("oswestry")
                        .doesNotContain("neck disability")
                        .doesNotContain("promis");
            }
        }
    }

    private JsonNode item(String questionnaire, String linkId) {
        return FhirPackage.items(pkg.resource("Questionnaire", questionnaire)).stream()
                .filter(i -> i.path("linkId").asText().equals(linkId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item " + linkId));
    }
}
