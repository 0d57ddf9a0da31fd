package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** The plan is tailored to the episode: clinical spot checks, and a matrix that exercises every condition. */
class TailoringTest {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final List<EpisodeSpec> MATRIX = EpisodeMatrix.episodes(LocalDate.of(2026, 11, 24));

    @Test
    void theMatrixHasAtLeastTwentyEpisodes() {
        assertThat(MATRIX).hasSizeGreaterThanOrEqualTo(20);
        assertThat(MATRIX.stream().map(EpisodeSpec::region).collect(Collectors.toSet()))
                .contains("cervical", "thoracic", "lumbar", "lumbosacral");
    }

    @Test
    void everyConditionalActivityIsPresentForSomeEpisodesAndAbsentForOthers() {
        List<Set<String>> planned =
                MATRIX.stream().map(TailoringTest::actionIds).toList();
        List<PlanDefinitionActionComponent> conditional = PlanScheduleTest.nestedActions().stream()
                .filter(PlanDefinitionActionComponent::hasCondition)
                .toList();
        assertThat(conditional).hasSizeGreaterThan(8);
        for (PlanDefinitionActionComponent action : conditional) {
            assertThat(planned).as("some episode has %s", action.getId()).anyMatch(ids -> ids.contains(action.getId()));
            assertThat(planned)
                    .as("some episode lacks %s", action.getId())
                    .anyMatch(ids -> !ids.contains(action.getId()));
        }
    }

    @Test
    void onlyNicotineUsersAreAskedToStopBeforeSurgery() {
        for (EpisodeSpec episode : MATRIX) {
            assertThat(actionIds(episode).contains("nicotine-stop"))
                    .as(episode.name())
                    .isEqualTo(episode.has("nicotine-use"));
        }
    }

    @Test
    void metalAllergyIsReviewedOnlyWhenHardwareMeetsAnAllergy() {
        for (EpisodeSpec episode : MATRIX) {
            boolean hardware = episode.details().stream().anyMatch(d -> d.startsWith("hardware-"));
            assertThat(actionIds(episode).contains("metal-allergy-review"))
                    .as(episode.name())
                    .isEqualTo(hardware && episode.has("metal-allergy"));
        }
    }

    @Test
    void dischargeFollowsTheSetting() {
        for (EpisodeSpec episode : MATRIX) {
            Set<String> ids = actionIds(episode);
            assertThat(ids.contains("discharge-inpatient"))
                    .as(episode.name())
                    .isEqualTo(episode.has("setting-inpatient"));
            assertThat(ids.contains("discharge-outpatient"))
                    .as(episode.name())
                    .isEqualTo(episode.has("setting-outpatient"));
        }
    }

    @Test
    void cervicalSymptomChecksAskAboutSwallowingAndBreathingAndOthersDoNot() {
        for (EpisodeSpec episode : MATRIX) {
            Questionnaire symptomCheck = Engines.engine().apply(Engines.request(episode, NOW)).questionnaires().stream()
                    .filter(q -> q.getDerivedFrom().get(0).getValue().contains("/Questionnaire/postop-symptom-check|"))
                    .findFirst()
                    .orElseThrow();
            assertThat(linkIds(symptomCheck.getItem()).contains("swallowing-difficulty"))
                    .as(episode.name())
                    .isEqualTo(episode.region().equals("cervical"));
            assertThat(linkIds(symptomCheck.getItem())).contains("temperature-group", "pain-group", "wound", "nerves");
        }
    }

    @Test
    void tailoredQuestionnairesHaveTheirOwnCanonicalAndPointAtTheirBase() {
        ApplyResult result = Engines.engine().apply(Engines.request(MATRIX.get(0), NOW));
        assertThat(result.questionnaires()).hasSize(3);
        for (Questionnaire tailored : result.questionnaires()) {
            assertThat(tailored.getUrl()).endsWith("/Questionnaire/" + tailored.getIdPart());
            String base = tailored.getDerivedFrom().get(0).getValue();
            assertThat(Engines.pathwayPackage().byCanonical(base, Questionnaire.class))
                    .isPresent();
        }
        Set<String> referenced = result.carePlan().getActivity().stream()
                .flatMap(a -> a.getDetail().getInstantiatesCanonical().stream())
                .map(c -> c.getValue())
                .filter(c -> c.contains("/Questionnaire/"))
                .collect(Collectors.toSet());
        assertThat(referenced)
                .containsExactlyInAnyOrderElementsOf(result.questionnaires().stream()
                        .map(q -> q.getUrl() + "|" + q.getVersion())
                        .toList());
    }

    static Set<String> actionIds(EpisodeSpec episode) {
        CarePlan plan = Engines.engine().apply(Engines.request(episode, NOW)).carePlan();
        return PlanScheduleTest.activitiesByActionId(plan, episode).keySet();
    }

    static Set<String> linkIds(List<QuestionnaireItemComponent> items) {
        return items.stream()
                .flatMap(i -> Stream.concat(Stream.of(i.getLinkId()), linkIds(i.getItem()).stream()))
                .collect(Collectors.toSet());
    }
}
