package org.spinefusion.careplan.pathway.plan;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Narrative;
import org.spinefusion.careplan.pathway.narrative.Dates;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/**
 * The plan as a clinician reads it in the EHR: the surgery at a glance, then every activity by phase with its
 * dates and who does it, then the milestones.
 */
final class CarePlanNarrative {

    private CarePlanNarrative() {}

    static Narrative of(PlanContext plan, List<ScheduledAction> scheduled, Collection<Goal> goals) {
        Xhtml div = Xhtml.div()
                .heading(PlanTitles.title(plan))
                .field("Status", plan.cancelled() ? "revoked: the surgery was cancelled" : "active")
                .field("Surgery date", Dates.day(plan.episode().surgeryDate()))
                .field(
                        "Procedure",
                        plan.episode().request().getCode().getCodingFirstRep().getDisplay())
                .field("Episode details", details(plan));
        Xhtml.Table table = div.table("When", "Activity", "Who");
        String phase = null;
        for (ScheduledAction action : sortedByPhaseThenDate(scheduled)) {
            if (!Objects.equals(phase, action.action().phase().id())) {
                phase = action.action().phase().id();
                table.section(action.action().phase().title(), 3);
            }
            table.row(
                    Dates.window(action.start(), action.end()),
                    action.action().title(),
                    action.action().performerRole() == null
                            ? ""
                            : CarePlanFactory.roleName(action.action().performerRole()));
        }
        Xhtml.Table milestones = div.table("Recovery milestone", "Expected by");
        goals.stream()
                .sorted(Comparator.comparing(
                        g -> g.getTargetFirstRep().getDueDateType().getValueAsString()))
                .forEach(goal -> milestones.row(
                        goal.getDescription().getText(),
                        Dates.day(java.time.LocalDate.parse(
                                goal.getTargetFirstRep().getDueDateType().getValueAsString()))));
        return div.toNarrative();
    }

    private static List<ScheduledAction> sortedByPhaseThenDate(List<ScheduledAction> scheduled) {
        return scheduled.stream()
                .sorted(Comparator.comparingInt(
                                (ScheduledAction s) -> s.action().phase().order())
                        .thenComparing(ScheduledAction::start))
                .toList();
    }

    private static String details(PlanContext plan) {
        return plan.episode().request().getOrderDetail().stream()
                .flatMap(c -> c.getCoding().stream())
                .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .collect(Collectors.joining(", "));
    }
}
