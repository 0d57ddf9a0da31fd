package org.spinefusion.careplan.service.escalation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Type;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;

/**
 * Where a day falls on the patient's pathway for one Questionnaire: the surgery date and the days of the plan's
 * activities that ask for it (the daily and the weekly symptom check). The post-operative rules are written for
 * a patient who has had the operation and is inside a check-in; a response from any other day is refused with the
 * reason rather than turned into a surgical alert.
 *
 * @param surgery the day of the operation (the plan's {@code surgery} activity), or null when the plan has none
 * @param days the check-in windows, first day and last day both included, in date order
 */
record CheckInWindow(LocalDate surgery, List<Days> days) {

    private static final String SURGERY_ACTION = "surgery";

    record Days(LocalDate first, LocalDate last) {

        boolean contains(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }
    }

    static CheckInWindow of(CarePlan plan, String episodeKey, String questionnaireUrl) {
        LocalDate surgery = null;
        List<Days> days = new ArrayList<>();
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            Type scheduled = activity.getDetail().getScheduled();
            if ((episodeKey + "#" + SURGERY_ACTION).equals(activityId(activity))
                    && scheduled instanceof Period period) {
                surgery = day(period.getStartElement().getValueAsString());
            }
            if (asksFor(activity, questionnaireUrl)) {
                Period period = scheduled instanceof Timing timing
                        ? timing.getRepeat().getBoundsPeriod()
                        : scheduled instanceof Period p ? p : null;
                if (period != null && period.hasStart() && period.hasEnd()) {
                    days.add(new Days(
                            day(period.getStartElement().getValueAsString()),
                            day(period.getEndElement().getValueAsString())));
                }
            }
        }
        days.sort(Comparator.comparing(Days::first));
        return new CheckInWindow(surgery, List.copyOf(days));
    }

    /**
     * Why a response from this day is not taken, in the wording's words, or empty when the day is inside a check-in
     * after the surgery.
     */
    Optional<String> refusal(LocalDate day, EscalationWording wording) {
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate opens = days.get(0).first();
        LocalDate closes = days.get(days.size() - 1).last();
        if (surgery != null && !day.isAfter(surgery)) {
            return Optional.of(wording.text(
                    Text.CHECK_IN_BEFORE_SURGERY, Map.of("surgery", surgery.toString(), "opens", opens.toString())));
        }
        if (day.isAfter(closes)) {
            return Optional.of(wording.text(Text.CHECK_IN_ENDED, "closes", closes.toString()));
        }
        if (days.stream().noneMatch(window -> window.contains(day))) {
            LocalDate next = days.stream()
                    .map(Days::first)
                    .filter(first -> first.isAfter(day))
                    .findFirst()
                    .orElse(closes);
            return Optional.of(
                    wording.text(Text.CHECK_IN_NOT_OPEN, Map.of("day", day.toString(), "opens", next.toString())));
        }
        return Optional.empty();
    }

    private static boolean asksFor(CarePlanActivityComponent activity, String questionnaireUrl) {
        return activity.getDetail().getInstantiatesCanonical().stream()
                .anyMatch(canonical -> canonical.getValue() != null
                        && canonical.getValue().split("\\|", 2)[0].equals(questionnaireUrl));
    }

    private static String activityId(CarePlanActivityComponent activity) {
        Extension extension = activity.getExtensionByUrl(Canonicals.EXT_ACTIVITY_IDENTIFIER);
        return extension != null && extension.getValue() instanceof Identifier identifier
                ? identifier.getValue()
                : null;
    }

    private static LocalDate day(String dateTime) {
        return LocalDate.parse(dateTime.substring(0, 10));
    }
}
