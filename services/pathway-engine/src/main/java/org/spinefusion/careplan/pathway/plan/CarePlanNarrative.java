package org.spinefusion.careplan.pathway.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Narrative;
import org.spinefusion.careplan.pathway.definition.ActionDefinition;
import org.spinefusion.careplan.pathway.narrative.Dates;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/**
 * The plan as a clinician reads it in the EHR: the surgery at a glance, then each phase with its dates, how many
 * activities it holds and who does them, then the activities this episode's details added (with why), then the
 * milestones. Every activity is in the plan's activities already, with its dates and performer: repeating each one
 * here would double the plan's size and bury what the reader needs under what a program reads.
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
        List<ScheduledAction> sorted = sortedByPhaseThenDate(scheduled);
        phases(div, sorted);
        tailored(div, plan, sorted);
        Xhtml.Table milestones = div.table("Recovery milestone", "Expected by");
        goals.stream()
                .sorted(Comparator.comparing(
                        g -> g.getTargetFirstRep().getDueDateType().getValueAsString()))
                .forEach(goal -> milestones.row(
                        goal.getDescription().getText(),
                        Dates.day(java.time.LocalDate.parse(
                                goal.getTargetFirstRep().getDueDateType().getValueAsString()))));
        div.paragraph(sorted.size() + " activities in all: each, with its dates, who does it and its status, is one"
                + " of the plan's activities.");
        return div.toNarrative();
    }

    /** One row per phase, in pathway order: from its first activity's start to its last one's end. */
    private static void phases(Xhtml div, List<ScheduledAction> sorted) {
        Xhtml.Table table = div.table("Phase", "When", "Activities", "Who");
        Map<ActionDefinition.Phase, List<ScheduledAction>> byPhase = new LinkedHashMap<>();
        sorted.forEach(action -> byPhase.computeIfAbsent(action.action().phase(), p -> new ArrayList<>())
                .add(action));
        byPhase.forEach((phase, actions) -> {
            LocalDate first = actions.stream()
                    .map(ScheduledAction::start)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            LocalDate last = actions.stream()
                    .map(a -> a.end() == null ? a.start() : a.end())
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            String who = actions.stream()
                    .map(a -> a.action().performerRole())
                    .filter(Objects::nonNull)
                    .map(CarePlanFactory::roleName)
                    .distinct()
                    .collect(Collectors.joining(", "));
            table.row(phase.title(), Dates.window(first, last), Integer.toString(actions.size()), who);
        });
    }

    /** The activities that are in this plan because of the episode's details, each with the details that chose it. */
    private static void tailored(Xhtml div, PlanContext plan, List<ScheduledAction> sorted) {
        List<ScheduledAction> chosen =
                sorted.stream().filter(a -> !reasons(plan, a).isEmpty()).toList();
        if (chosen.isEmpty()) {
            return;
        }
        Xhtml.Table table = div.table("Added for this episode", "When");
        chosen.forEach(action -> table.row(
                action.action().title() + " (for: " + reasons(plan, action) + ")",
                Dates.window(action.start(), action.end())));
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
        return reasons;
    }

    private static String words(PlanContext plan, String code) {
        return plan.pathway().detailDisplays().getOrDefault(code, code).toLowerCase(java.util.Locale.ROOT);
    }
}
