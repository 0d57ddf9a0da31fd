package org.spinefusion.careplan.pathway.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where the patient stands on the pathway. A plan made late (some activities' time already past) does not
 * pretend those activities are still ahead: see docs/pathway-contract.md, "Late enrolment".
 *
 * @param enrolledOn the clinic's date when the episode's first plan was made: activities whose window ended
 *     before it were never part of the plan's schedule
 * @param today the clinic's date of this call
 * @param now the moment of this call: a message whose time is before it can no longer go at that time
 */
record Enrolment(LocalDate enrolledOn, LocalDate today, Instant now, LocalDate surgeryDate) {

    static Enrolment of(PlanContext plan) {
        Instant now = plan.request().now();
        LocalDate today = now.atZone(plan.request().zone()).toLocalDate();
        LocalDate enrolledOn = plan.request().enrolledOn();
        return new Enrolment(
                enrolledOn == null || enrolledOn.isAfter(today) ? today : enrolledOn,
                today,
                now,
                plan.episode().surgeryDate());
    }

    /** Whether the whole window of the activity lies before the day of enrolment. */
    boolean passed(ScheduledAction action) {
        LocalDate last = action.end() == null ? action.start() : action.end();
        return last.isBefore(enrolledOn);
    }

    static boolean beforeSurgery(ScheduledAction action, LocalDate surgeryDate) {
        return action.start().isBefore(surgeryDate);
    }

    /** Whether the operation is today or done: advice for before it has no use any more. */
    boolean onOrAfterSurgery() {
        return !today.isBefore(surgeryDate);
    }

    /** Days from the surgery to the day of enrolment: negative before the surgery. */
    long daysAfterSurgery() {
        return ChronoUnit.DAYS.between(surgeryDate, enrolledOn);
    }
}
