package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.pathway.testing.ExpectedSchedule;

/**
 * Activity dates, goal due dates and conditional activities, checked against the PlanDefinition read by the test
 * itself: each date equals the surgery date plus the definition's offset, and each conditional activity is
 * present exactly when its condition holds for the episode.
 */
class PlanScheduleTest {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    static Stream<EpisodeSpec> episodes() {
        return EpisodeMatrix.episodes(LocalDate.of(2026, 11, 24)).stream();
    }

    static PlanDefinition pathway() {
        return Engines.pathwayPackage()
                .byId(PlanDefinition.class, Engines.PATHWAY)
                .orElseThrow();
    }

    static List<PlanDefinitionActionComponent> nestedActions() {
        return pathway().getAction().stream()
                .flatMap(phase -> phase.getAction().stream())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void everyActivityIsDatedFromTheSurgeryDateByItsOffset(EpisodeSpec episode) {
        CarePlan plan = Engines.engine().apply(Engines.request(episode, NOW)).carePlan();
        Map<String, CarePlanActivityComponent> activities = activitiesByActionId(plan, episode);
        assertThat(activities).isNotEmpty();
        for (PlanDefinitionActionComponent action : nestedActions()) {
            CarePlanActivityComponent activity = activities.get(action.getId());
            if (activity == null) {
                continue;
            }
            Period window = activity.getDetail().getScheduled() instanceof Timing timing
                    ? timing.getRepeat().getBoundsPeriod()
                    : activity.getDetail().getScheduledPeriod();
            assertThat(LocalDate.parse(window.getStartElement().getValueAsString()))
                    .as("start of %s", action.getId())
                    .isEqualTo(ExpectedSchedule.start(action, episode.surgeryDate()));
            assertThat(LocalDate.parse(window.getEndElement().getValueAsString()))
                    .as("end of %s", action.getId())
                    .isEqualTo(ExpectedSchedule.end(action, episode.surgeryDate()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void conditionalActivitiesAppearExactlyWhenTheirConditionHolds(EpisodeSpec episode) {
        CarePlan plan = Engines.engine().apply(Engines.request(episode, NOW)).carePlan();
        Map<String, CarePlanActivityComponent> activities = activitiesByActionId(plan, episode);
        ServiceRequest surgery = episode.surgeryRequest();
        for (PlanDefinitionActionComponent action : nestedActions()) {
            boolean holds = action.getCondition().stream()
                    .allMatch(c -> holds(c.getExpression().getExpression(), surgery));
            assertThat(activities.containsKey(action.getId()))
                    .as("%s present for %s", action.getId(), episode.name())
                    .isEqualTo(holds);
        }
        assertThat(activities).hasSize((int) nestedActions().stream()
                .filter(a -> a.getCondition().stream()
                        .allMatch(c -> holds(c.getExpression().getExpression(), surgery)))
                .count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void everyGoalIsDueAtItsOffsetFromTheSurgeryDate(EpisodeSpec episode) {
        ApplyResult result = Engines.engine().apply(Engines.request(episode, NOW));
        List<Goal> goals = result.goals();
        Map<String, CarePlanActivityComponent> activities = activitiesByActionId(result.carePlan(), episode);
        Map<String, Goal> byId = new HashMap<>();
        for (Goal goal : goals) {
            String value = goal.getIdentifierFirstRep().getValue();
            byId.put(value.substring(value.indexOf('#') + 1), goal);
        }
        assertThat(byId.keySet()).hasSize(pathway().getGoal().size());
        for (PlanDefinition.PlanDefinitionGoalComponent definition : pathway().getGoal()) {
            Goal goal = byId.get(definition.getId());
            assertThat(goal).as(definition.getId()).isNotNull();
            LocalDate expected =
                    ExpectedSchedule.due(definition.getTargetFirstRep().getDue(), episode.surgeryDate());
            for (var dueWith : definition.getExtensionsByUrl(Canonicals.BASE + "/StructureDefinition/goal-due-with")) {
                CarePlanActivityComponent activity =
                        activities.get(dueWith.getValue().primitiveValue());
                if (activity != null) {
                    expected = LocalDate.parse(activity.getDetail()
                            .getScheduledPeriod()
                            .getEndElement()
                            .getValueAsString());
                    break;
                }
            }
            assertThat(LocalDate.parse(goal.getTargetFirstRep().getDueDateType().getValueAsString()))
                    .as("due date of %s", definition.getId())
                    .isEqualTo(expected);
        }
    }

    /**
     * Evaluates a pathway condition through HAPI's public FHIRPath API, a different entry point from the engine's:
     * {@code %surgery} is the evaluation's root resource, so it is {@code %resource} there.
     */
    static boolean holds(String expression, ServiceRequest surgery) {
        List<BooleanType> result = Engines.FHIR
                .newFhirPath()
                .evaluate(surgery, expression.replace("%surgery", "%resource"), BooleanType.class);
        return result.size() == 1 && result.get(0).booleanValue();
    }

    static Map<String, CarePlanActivityComponent> activitiesByActionId(CarePlan plan, EpisodeSpec episode) {
        Map<String, CarePlanActivityComponent> byId = new HashMap<>();
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            Identifier identifier = (Identifier) activity.getExtensionByUrl(Canonicals.EXT_ACTIVITY_IDENTIFIER)
                    .getValue();
            assertThat(identifier.getValue()).startsWith(episode.episodeKey() + "#");
            String actionId =
                    identifier.getValue().substring(episode.episodeKey().length() + 1);
            assertThat(byId.put(actionId, activity))
                    .as("duplicate activity " + actionId)
                    .isNull();
        }
        return byId;
    }
}
