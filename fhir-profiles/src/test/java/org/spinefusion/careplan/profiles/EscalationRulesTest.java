package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private static final List<String> ORDER = List.of("routine", "urgent", "asap", "stat");

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyRuleHasPriorityRecipientsInstructionReasonAndAFhirpathCondition() {
        assertThat(pkg.escalation().path("action").size()).isGreaterThanOrEqualTo(18);
        assertThat(PackageChecks.escalationProblems(pkg)).isEmpty();
    }

    @Test
    void implementsEveryResponseDrivenRowOfTheTriageTable() {
        String documentation =
                pkg.escalation().path("action").findValues("documentation").toString();
        IntStream.rangeClosed(1, 18).forEach(row -> assertThat(documentation)
                .as("triage row " + row)
                .containsPattern("row (\\d+\\+)?" + row + "(\\+\\d+)?\\."));
    }

    @Test
    void timedRowsAreKeptAsPeriodicRulesOutsideTheResponseRules() {
        JsonNode timed = pkg.resource("PlanDefinition", "spinal-fusion-timed-escalation");
        assertThat(timed.path("action").findValues("trigger").toString()).contains("\"periodic\"");
        assertThat(timed.path("action").findValues("documentation").toString())
                .contains("row 19.")
                .contains("row 20.");
    }

    @Test
    void feverWithWoundSignsRanksAboveFeverOrAWoundSignAlone() {
        Map<String, String> priority = new HashMap<>();
        pkg.escalation()
                .path("action")
                .forEach(a ->
                        priority.put(a.path("id").asText(), a.path("priority").asText()));
        int combined = ORDER.indexOf(priority.get("fever-with-wound-signs"));
        assertThat(combined).isGreaterThan(ORDER.indexOf(priority.get("fever")));
        assertThat(combined).isGreaterThan(ORDER.indexOf(priority.get("wound-sign")));
    }

    @Test
    void newOrWorseRulesCompareWithThePreviousResponse() {
        for (String id : List.of("leg-weakness-new-or-worse", "numbness-new-or-worse", "pain-rising")) {
            String fhirpath = rule(id).path("condition")
                    .path(0)
                    .path("expression")
                    .path("expression")
                    .asText();
            assertThat(fhirpath).as(id).contains("%previous.exists() and");
        }
    }

    @Test
    void thePolicyGivesAnAcknowledgementWindowPerPriorityShorterForHigherPrioritiesAndARoleToClimbTo() {
        JsonNode policy = null;
        for (JsonNode extension : pkg.escalation().path("extension")) {
            if (extension.path("url").asText().equals(FhirPackage.BASE + "/StructureDefinition/escalation-policy")) {
                policy = extension;
            }
        }
        assertThat(policy).as("escalation-policy extension").isNotNull();
        Map<String, Double> minutes = new HashMap<>();
        List<String> climbTo = new java.util.ArrayList<>();
        for (JsonNode part : policy.path("extension")) {
            if (part.has("valueDuration")) {
                JsonNode duration = part.path("valueDuration");
                assertThat(duration.path("system").asText()).isEqualTo("http://unitsofmeasure.org");
                double factor =
                        switch (duration.path("code").asText()) {
                            case "min" -> 1;
                            case "h" -> 60;
                            case "d" -> 1440;
                            default -> throw new AssertionError(
                                    "unit " + duration.path("code").asText());
                        };
                minutes.put(part.path("url").asText(), duration.path("value").asDouble() * factor);
            } else {
                climbTo.add(part.path("valueCoding").path("code").asText());
            }
        }
        assertThat(minutes).containsOnlyKeys(ORDER);
        for (int i = 1; i < ORDER.size(); i++) {
            assertThat(minutes.get(ORDER.get(i))).as(ORDER.get(i)).isLessThan(minutes.get(ORDER.get(i - 1)));
        }
        assertThat(climbTo).isNotEmpty();
        assertThat(pkg.escalation().path("relatedArtifact").toString()).contains("Acknowledgement policy");
    }

    @Test
    void statRulesSendThePatientToEmergencyServicesAndAlertTheSurgeon() {
        pkg.escalation().path("action").forEach(rule -> {
            if (rule.path("priority").asText().equals("stat")) {
                assertThat(rule.path("participant").toString())
                        .contains("emergency-services")
                        .contains("surgeon-on-call");
            }
        });
    }

    @Test
    void failsWhenARuleHasNoCondition() {
        FhirPackage changed = changeFirstRule(rule -> rule.remove("condition"));

        assertThat(PackageChecks.escalationProblems(changed))
                .anySatisfy(p -> assertThat(p).endsWith("no FHIRPath condition"));
    }

    @Test
    void failsWhenARuleHasAnUnknownPriority() {
        FhirPackage changed = changeFirstRule(rule -> rule.put("priority", "high"));

        assertThat(PackageChecks.escalationProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("priority must be one of"));
    }

    @Test
    void failsWhenARuleHasNoReasonOrInstruction() {
        FhirPackage changed = changeFirstRule(rule -> {
            rule.remove("reason");
            rule.remove("textEquivalent");
        });

        assertThat(PackageChecks.escalationProblems(changed))
                .anySatisfy(p -> assertThat(p).endsWith("no reason"))
                .anySatisfy(p -> assertThat(p).endsWith("no textEquivalent"));
    }

    @Test
    void failsWhenARuleReadsAQuestionThatIsNotInTheSymptomCheck() {
        FhirPackage changed = changeFirstRule(rule -> ((ObjectNode)
                        rule.path("condition").path(0).path("expression"))
                .put("expression", "%response.repeat(item).where(linkId = 'mood-score').answer.value.exists()"));

        assertThat(PackageChecks.escalationProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("linkId mood-score is not in postop-symptom-check"));
    }

    @Test
    void failsWhenARuleUsesPreviousWithoutGuardingForItsAbsence() {
        FhirPackage changed = changeFirstRule(
                rule -> ((ObjectNode) rule.path("condition").path(0).path("expression"))
                        .put(
                                "expression",
                                "%response.repeat(item).where(linkId = 'pain-score').answer.value.first()"
                                        + " > %previous.repeat(item).where(linkId = 'pain-score').answer.value.first()"));

        assertThat(PackageChecks.escalationProblems(changed))
                .anySatisfy(p -> assertThat(p).endsWith("uses %previous without guarding for an empty %previous"));
    }

    private JsonNode rule(String id) {
        for (JsonNode rule : pkg.escalation().path("action")) {
            if (rule.path("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }

    private FhirPackage changeFirstRule(java.util.function.Consumer<ObjectNode> change) {
        return pkg.withChangedFile(
                "PlanDefinition-spinal-fusion-escalation.json",
                pd -> change.accept((ObjectNode) pd.path("action").path(0)));
    }
}
