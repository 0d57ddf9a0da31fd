package org.spinefusion.careplan.pathway.plan;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private static final Pattern CODE_IN_CONDITION = Pattern.compile("code\\s*=\\s*'([a-z-]+)'");

    private CarePlanNarrative() {}

    static Narrative of(
            PlanContext plan, List<ScheduledAction> scheduled, Collection<Goal> goals, Optional<String> lateEnrolment) {
        Xhtml div = Xhtml.div()
                .heading(PlanTitles.title(plan))
                .field("Status", plan.cancelled() ? "revoked: the surgery was cancelled" : "active")
                .field("Surgery date", Dates.day(plan.episode().surgeryDate()))
                .field(
                        "Procedure",
                        plan.episode().request().getCode().getCodingFirstRep().getDisplay())
                .field("Episode details", details(plan));
        lateEnrolment.ifPresent(text -> div.field("Enrolment", text));
        if (plan.pathway().planDefinition().hasUsage()) {
            div.paragraph(plan.pathway().planDefinition().getUsage());
        }
        Xhtml.Table table = div.table("When", "Activity", "Who");
        String phase = null;
        for (ScheduledAction action : sortedByPhaseThenDate(scheduled)) {
            if (!Objects.equals(phase, action.action().phase().id())) {
                phase = action.action().phase().id();
                table.section(action.action().phase().title(), 3);
            }
            table.row(
                    Dates.window(action.start(), action.end()),
                    action.action().title() + reasons(plan, action),
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
                .map(c -> words(plan, c.getCode()))
                .collect(Collectors.joining(", "));
    }

    /** Why a tailored activity is in this plan: the episode details its conditions test, in words. */
    private static String reasons(PlanContext plan, ScheduledAction action) {
        String reasons = action.action().conditions().stream()
                .flatMap(condition ->
                        CODE_IN_CONDITION.matcher(condition).results().map(m -> m.group(1)))
                .filter(code -> plan.episode().details().contains(code)
                        || plan.episode().regions().contains(code))
                .distinct()
                .map(code -> plan.episode().regions().contains(code) ? code + " spine" : words(plan, code))
                .collect(Collectors.joining(", "));
        return reasons.isEmpty() ? "" : " (for: " + reasons + ")";
    }

    private static String words(PlanContext plan, String code) {
        return plan.pathway().detailDisplays().getOrDefault(code, code).toLowerCase(java.util.Locale.ROOT);
    }
}
