package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every rule of PlanDefinition spinal-fusion-escalation, through the FHIR API: answers that fire it, and close
 * answers that do not. A rule added to the artifact without a row here fails {@link #coversEveryRuleOfTheArtifact}.
 */
@CarePlanIntegrationTest
class EscalationRulesIT {

    /** One row: the previous response (or null), answers that fire the rule, answers that do not. */
    record Case(String rule, Map<String, Object> previous, Map<String, Object> fires, Map<String, Object> doesNot) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("chest-symptoms", null, Map.of("chest-pain", true), Map.of("chest-pain", false)),
            new Case(
                    "leg-weakness-new-or-worse",
                    null,
                    Map.of("leg-weakness", true, "leg-weakness-worse", true),
                    Map.of("leg-weakness", true, "leg-weakness-worse", false)),
            new Case("cauda-equina-signs", null, Map.of("saddle-numbness", true), Map.of("saddle-numbness", false)),
            new Case(
                    "airway-compromise-cervical",
                    null,
                    Map.of("breathing-noisy-difficult", true),
                    Map.of("breathing-noisy-difficult", false, "hoarseness", true)),
            new Case("fainting-or-confusion", null, Map.of("new-confusion", true), Map.of("fainting", false)),
            new Case(
                    "high-fever-or-very-unwell",
                    null,
                    Map.of("temperature-taken", true, "temperature", 39.2),
                    Map.of("temperature-taken", true, "temperature", 38.5)),
            new Case(
                    "wound-bleeding-heavy",
                    null,
                    Map.of("wound-bleeding", true, "wound-bleeding-soaking", true),
                    Map.of("wound-bleeding", true, "wound-bleeding-soaking", false)),
            new Case(
                    "fever-with-wound-signs",
                    null,
                    Map.of("temperature-taken", true, "temperature", 38.5, "wound-redness", true),
                    Map.of("temperature-taken", true, "temperature", 37.9, "wound-redness", true)),
            new Case(
                    "fever-with-dizziness",
                    null,
                    Map.of("temperature-taken", true, "temperature", 38.5, "dizziness-weakness", true),
                    Map.of("temperature-taken", true, "temperature", 37.5, "dizziness-weakness", true)),
            new Case(
                    "wound-signs-multiple",
                    null,
                    Map.of("wound-redness", true, "wound-warmth", true),
                    Map.of("wound-redness", true, "wound-warmth", false)),
            new Case(
                    "fall-with-new-symptoms",
                    null,
                    Map.of("fall", true, "pain-score", 8),
                    Map.of("fall", true, "pain-score", 3)),
            new Case(
                    "leg-weakness-unchanged",
                    null,
                    Map.of("leg-weakness", true, "leg-weakness-worse", false),
                    Map.of("leg-weakness", true, "leg-weakness-worse", true)),
            new Case(
                    "fever",
                    null,
                    Map.of("temperature-taken", true, "temperature", 38.0),
                    Map.of("temperature-taken", true, "temperature", 37.9)),
            new Case("wound-sign", null, Map.of("wound-opening", true), Map.of("wound-opening", false)),
            new Case("possible-csf-leak", null, Map.of("headache-upright", true), Map.of("headache-upright", false)),
            new Case(
                    "calf-pain-or-swelling",
                    null,
                    Map.of("calf-pain-swelling", true),
                    Map.of("calf-pain-swelling", false)),
            new Case("pain-uncontrolled", null, Map.of("pain-score", 8), Map.of("pain-score", 7)),
            new Case("pain-rising", Map.of("pain-score", 2), Map.of("pain-score", 5), Map.of("pain-score", 4)),
            new Case(
                    "numbness-new-or-worse",
                    Map.of("numbness-tingling", true),
                    Map.of("numbness-tingling", true, "numbness-tingling-worse", true),
                    Map.of("numbness-tingling", true, "numbness-tingling-worse", false)),
            new Case("fall", null, Map.of("fall", true), Map.of("fall", false)),
            new Case(
                    "swallowing-difficulty-cervical",
                    null,
                    Map.of("swallowing-difficulty", true),
                    Map.of("swallowing-difficulty", false)),
            new Case("vomiting", null, Map.of("vomiting", true), Map.of("vomiting", false)),
            new Case(
                    "no-bowel-movement",
                    null,
                    Map.of("days-since-bowel-movement", 4),
                    Map.of("days-since-bowel-movement", 3)),
            new Case(
                    "dizziness-or-weakness",
                    null,
                    Map.of("dizziness-weakness", true),
                    Map.of("dizziness-weakness", false)),
            new Case(
                    "no-bowel-movement-advice",
                    null,
                    Map.of("days-since-bowel-movement", 3),
                    Map.of("days-since-bowel-movement", 2)),
            new Case("minor-concerns", null, Map.of("minor-concerns", "itching"), Map.of("hoarseness", false)));

    @LocalServerPort
    int port;

    SymptomChecks checks;

    @BeforeEach
    void setUp() {
        checks = new SymptomChecks(port);
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void coversEveryRuleOfTheArtifact() {
        PlanDefinition rules = Engines.pathwayPackage()
                .byId(PlanDefinition.class, "spinal-fusion-escalation")
                .orElseThrow();
        assertThat(CASES.stream().map(Case::rule))
                .containsExactlyInAnyOrderElementsOf(rules.getAction().stream()
                        .map(PlanDefinitionActionComponent::getId)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesTheRuleOnAnswersThatMeetItAndNotOnAnswersThatDoNot(Case row) {
        EpisodeSpec episode = checks.newEpisode();
        if (row.previous() != null) {
            checks.submitSymptoms(episode, row.previous());
        }
        String negative = checks.submitSymptoms(episode, row.doesNot());
        assertThat(firedOn(episode, negative)).doesNotContain(row.rule());

        EpisodeSpec fresh = checks.newEpisode();
        if (row.previous() != null) {
            checks.submitSymptoms(fresh, row.previous());
        }
        String positive = checks.submitSymptoms(fresh, row.fires());
        assertThat(firedOn(fresh, positive)).contains(row.rule());
    }

    private List<String> firedOn(EpisodeSpec episode, String responseId) {
        return checks.alerts(episode).stream()
                .filter(alert -> SymptomChecks.isAbout(alert, responseId))
                .map(SymptomChecks::rulesOf)
                .flatMap(List::stream)
                .toList();
    }

    static Communication only(List<Communication> communications) {
        assertThat(communications).hasSize(1);
        return communications.get(0);
    }
}
