package org.spinefusion.careplan.pathway.plan;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.definition.GoalDefinition;
import org.spinefusion.careplan.pathway.narrative.Dates;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/**
 * One Goal per recovery milestone, due a pathway-defined time after the surgery, or when the activity it rests
 * on ends (going home is due with the discharge this patient has: inpatient or day case).
 */
final class GoalFactory {

    List<Goal> goals(PlanContext plan, List<ScheduledAction> scheduled) {
        return plan.pathway().goals().stream()
                .map(goal -> goal(plan, goal, due(plan, goal, scheduled)))
                .toList();
    }

    private static LocalDate due(PlanContext plan, GoalDefinition definition, List<ScheduledAction> scheduled) {
        for (String actionId : definition.dueWith()) {
            for (ScheduledAction action : scheduled) {
                if (action.action().id().equals(actionId)) {
                    return action.end() == null ? action.start() : action.end();
                }
            }
        }
        return definition.due().start(plan.episode().surgeryDate());
    }

    private static Goal goal(PlanContext plan, GoalDefinition definition, LocalDate due) {
        Goal goal = new Goal();
        goal.setId(plan.ids().goalId(definition.id()));
        goal.getMeta().addProfile(Canonicals.PROFILE_GOAL);
        goal.addIdentifier(plan.ids().goalIdentifier(definition.id()));
        goal.setLifecycleStatus(
                plan.cancelled() ? Goal.GoalLifecycleStatus.CANCELLED : Goal.GoalLifecycleStatus.ACTIVE);
        goal.setAchievementStatus(null);
        goal.setCategory(
                definition.category() == null || definition.category().isEmpty()
                        ? List.of()
                        : List.of(definition.category().copy()));
        if (definition.priority() != null && !definition.priority().isEmpty()) {
            goal.setPriority(definition.priority().copy());
        }
        goal.setDescription(definition.description().copy());
        goal.setSubject(plan.patient());
        goal.setStart(new DateType(plan.episode().surgeryDate().toString()));
        goal.addTarget().setDue(new DateType(due.toString()));
        goal.setText(Xhtml.div()
                .heading("Recovery milestone: " + definition.description().getText())
                .field("Expected by", Dates.day(due))
                .field("Counted from", "surgery on " + Dates.day(plan.episode().surgeryDate()))
                .field("Status", plan.cancelled() ? "cancelled (surgery cancelled)" : "active")
                .toNarrative());
        return goal;
    }
}
