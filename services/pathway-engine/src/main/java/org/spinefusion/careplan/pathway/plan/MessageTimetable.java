package org.spinefusion.careplan.pathway.plan;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.ActivityDefinition.RequestPriority;

/**
 * When each education message is sent, or why it is not. A patient reads a few messages a day, not a pile, so
 * no day gets more than the pathway's {@code messages-per-day}; the rules (catch-up, spreading, never advice
 * for before the operation once it is done) are in docs/pathway-contract.md, "When messages are sent".
 */
final class MessageTimetable {

    /** Without a time of day in the ActivityDefinition, messages go out in the morning, clinic time. */
    private static final LocalTime DEFAULT_SEND_TIME = LocalTime.of(9, 0);

    static final String AFTER_SURGERY =
            "not sent: the patient joined the plan after the operation, and this advice is for before it";
    static final String TOO_LATE_BEFORE_SURGERY =
            "not sent: the patient joined the plan too late to read it before the operation";

    /** A send time, or the reason it is not sent (then sendAt is when it was due). */
    record Slot(ZonedDateTime sendAt, boolean catchUp, String notSentReason) {

        boolean sent() {
            return notSentReason == null;
        }
    }

    private record Candidate(ScheduledAction action, LocalDate desired, boolean catchUp, int rank, int order) {}

    private MessageTimetable() {}

    /** @return one slot per education action, keyed by action id, in the order given */
    static Map<String, Slot> slots(PlanContext plan, List<ScheduledAction> education) {
        Enrolment enrolment = Enrolment.of(plan);
        ZoneId zone = plan.request().zone();
        LocalDate surgery = plan.episode().surgeryDate();
        Map<String, Slot> slots = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < education.size(); i++) {
            ScheduledAction action = education.get(i);
            LocalTime time = sendTime(action.action().activityDefinition());
            slots.put(action.action().id(), null);
            boolean beforeSurgery = Enrolment.beforeSurgery(action, surgery);
            ZonedDateTime due = action.start().atTime(time).atZone(zone);
            boolean overdue = due.toInstant().isBefore(enrolment.now());
            if (plan.cancelled() || !overdue) {
                candidates.add(new Candidate(action, action.start(), false, rank(action), i));
            } else if (beforeSurgery && enrolment.onOrAfterSurgery()) {
                slots.put(action.action().id(), new Slot(due, false, AFTER_SURGERY));
            } else {
                candidates.add(new Candidate(action, firstDay(enrolment, time, zone), true, rank(action), i));
            }
        }
        candidates.sort(Comparator.comparing(Candidate::desired)
                .thenComparingInt(Candidate::rank)
                .thenComparingInt(Candidate::order));
        int cap = plan.pathway().messagesPerDay();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (Candidate candidate : candidates) {
            LocalDate day = plan.cancelled() ? candidate.desired() : day(candidate, cap, perDay, enrolment, zone);
            LocalTime time = sendTime(candidate.action().action().activityDefinition());
            if (day == null) {
                slots.put(
                        candidate.action().action().id(),
                        new Slot(candidate.action().start().atTime(time).atZone(zone), true, TOO_LATE_BEFORE_SURGERY));
                continue;
            }
            perDay.merge(day, 1, Integer::sum);
            slots.put(
                    candidate.action().action().id(),
                    new Slot(day.atTime(time).atZone(zone), candidate.catchUp(), null));
        }
        return slots;
    }

    /**
     * The day a message goes: its own day when there is room; else the next day with room. A message for before
     * the operation never moves onto the surgery day or past its window: a one-day message moves earlier instead
     * (not before the first day left), and when nothing is free it keeps its day over the limit. A catch-up whose
     * first possible day is the surgery day or later is not sent (null).
     */
    private static LocalDate day(
            Candidate candidate, int cap, Map<LocalDate, Integer> perDay, Enrolment enrolment, ZoneId zone) {
        LocalDate desired = candidate.desired();
        LocalDate surgery = enrolment.surgeryDate();
        boolean beforeSurgery = candidate.action().start().isBefore(surgery);
        if (beforeSurgery && !desired.isBefore(surgery)) {
            return null;
        }
        if (hasRoom(desired, cap, perDay)) {
            return desired;
        }
        if (!beforeSurgery) {
            LocalDate day = desired.plusDays(1);
            while (!hasRoom(day, cap, perDay)) {
                day = day.plusDays(1);
            }
            return day;
        }
        LocalDate last = candidate.catchUp() || candidate.action().end() == null
                ? surgery.minusDays(1)
                : candidate.action().end();
        boolean mayMoveLater = candidate.catchUp() || candidate.action().end() != null;
        if (mayMoveLater) {
            for (LocalDate day = desired.plusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
                if (hasRoom(day, cap, perDay)) {
                    return day;
                }
            }
        } else {
            LocalDate first =
                    firstDay(enrolment, sendTime(candidate.action().action().activityDefinition()), zone);
            for (LocalDate day = desired.minusDays(1); !day.isBefore(first); day = day.minusDays(1)) {
                if (hasRoom(day, cap, perDay)) {
                    return day;
                }
            }
        }
        return desired;
    }

    private static boolean hasRoom(LocalDate day, int cap, Map<LocalDate, Integer> perDay) {
        return perDay.getOrDefault(day, 0) < cap;
    }

    /** The first day whose send time is still ahead when the plan is made. */
    private static LocalDate firstDay(Enrolment enrolment, LocalTime time, ZoneId zone) {
        LocalDate today = enrolment.today();
        return today.atTime(time).atZone(zone).toInstant().isBefore(enrolment.now()) ? today.plusDays(1) : today;
    }

    /** Higher priority first: stat, asap, urgent, then routine (and no priority). */
    private static int rank(ScheduledAction action) {
        RequestPriority priority = action.action().activityDefinition().getPriority();
        if (priority == null) {
            return RequestPriority.values().length;
        }
        return switch (priority) {
            case STAT -> 0;
            case ASAP -> 1;
            case URGENT -> 2;
            default -> 3;
        };
    }

    static LocalTime sendTime(ActivityDefinition definition) {
        if (definition.hasTimingTiming()
                && definition.getTimingTiming().getRepeat().hasTimeOfDay()) {
            return LocalTime.parse(definition
                    .getTimingTiming()
                    .getRepeat()
                    .getTimeOfDay()
                    .get(0)
                    .getValue());
        }
        return DEFAULT_SEND_TIME;
    }
}
