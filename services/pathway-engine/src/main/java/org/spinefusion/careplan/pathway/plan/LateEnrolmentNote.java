package org.spinefusion.careplan.pathway.plan;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the caller and the clinician are told when the plan is made after some of its activities were due: how
 * many steps were not scheduled, how many messages are not sent and how many go once as a catch-up. Only on the
 * plan made on the day of enrolment: a later revision cannot tell which messages were already sent.
 */
final class LateEnrolmentNote {

    private LateEnrolmentNote() {}

    static Optional<String> of(
            PlanContext plan,
            Enrolment enrolment,
            List<ScheduledAction> scheduled,
            Collection<MessageTimetable.Slot> messages) {
        long passed = scheduled.stream().filter(enrolment::passed).count();
        long notSent = messages.stream().filter(m -> !m.sent()).count();
        long catchUp = messages.stream().filter(m -> m.sent() && m.catchUp()).count();
        boolean firstPlan = enrolment.enrolledOn().equals(enrolment.today());
        if (plan.cancelled() || !firstPlan || passed + notSent + catchUp == 0) {
            return Optional.empty();
        }
        long days = enrolment.daysAfterSurgery();
        String when = days < 0
                ? (-days) + " days before the surgery"
                : days == 0 ? "on the day of the surgery" : days + " days after the surgery";
        return Optional.of(
                "Late enrolment: the plan was made on " + enrolment.enrolledOn() + ", " + when + ". " + passed
                        + " activities whose time had passed are not scheduled, " + notSent
                        + " messages are not sent, and " + catchUp + " missed messages are sent once as a catch-up.");
    }
}
