package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.service.apply.EpisodeSummary;
import org.spinefusion.careplan.service.apply.Episodes;
import org.spinefusion.careplan.service.storage.CurrentColumns;
import org.springframework.stereotype.Repository;

/**
 * Finds the episodes with a running daily check-in (the CarePlan activity that asks for a Questionnaire once a day)
 * and the days their patients answered it, through storage's and apply's published types.
 */
@Repository
class CheckInQueries {

    private static final String SURGERY_ACTION = "surgery";

    private final CurrentColumns columns;
    private final Episodes episodes;

    CheckInQueries(CurrentColumns columns, Episodes episodes) {
        this.columns = columns;
        this.episodes = episodes;
    }

    /** Active plans whose period covers {@code now}, with a daily check-in window that includes {@code today}. */
    List<CheckInWatch> running(Instant now, LocalDate today) {
        Map<String, CarePlan> plans = new HashMap<>();
        for (Resource resource : columns.covering("CarePlan", "active", now)) {
            plans.put(resource.getIdPart(), (CarePlan) resource);
        }
        List<CheckInWatch> watches = new ArrayList<>();
        for (EpisodeSummary summary : episodes.byCarePlans(plans.keySet())) {
            EpisodeFacts episode =
                    new EpisodeFacts(summary.episodeKey(), summary.patientReference(), summary.carePlanId(), "active");
            watch(episode, plans.get(summary.carePlanId()))
                    .filter(w -> !today.isBefore(w.firstDay())
                            && !today.isAfter(w.lastDay().plusDays(1)))
                    .ifPresent(watches::add);
        }
        return watches;
    }

    /** The clinic-local days on which the patient answered the questionnaire, from {@code from} on. */
    Set<LocalDate> answeredDays(String patient, String questionnaireUrl, LocalDate from, ZoneId zone) {
        Set<LocalDate> days = new HashSet<>();
        for (Instant answered : columns.datesFrom(
                "QuestionnaireResponse",
                patient,
                questionnaireUrl,
                from.atStartOfDay(zone).toInstant())) {
            days.add(answered.atZone(zone).toLocalDate());
        }
        return days;
    }

    private static Optional<CheckInWatch> watch(EpisodeFacts episode, CarePlan plan) {
        LocalDate surgery = null;
        CarePlanActivityComponent daily = null;
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            if ((episode.episodeKey() + "#" + SURGERY_ACTION).equals(activityId(activity))
                    && activity.getDetail().getScheduled() instanceof Period period) {
                surgery = LocalDate.parse(
                        period.getStartElement().getValueAsString().substring(0, 10));
            }
            if (isDailyQuestionnaire(activity)) {
                daily = activity;
            }
        }
        if (surgery == null || daily == null) {
            return Optional.empty();
        }
        Period bounds = ((Timing) daily.getDetail().getScheduled()).getRepeat().getBoundsPeriod();
        return Optional.of(new CheckInWatch(
                episode,
                daily.getDetail().getInstantiatesCanonical().get(0).getValue().split("\\|", 2)[0],
                surgery,
                LocalDate.parse(bounds.getStartElement().getValueAsString().substring(0, 10)),
                LocalDate.parse(bounds.getEndElement().getValueAsString().substring(0, 10))));
    }

    /** A check-in asked for once every day: a Questionnaire activity with a one-per-day repeat. */
    private static boolean isDailyQuestionnaire(CarePlanActivityComponent activity) {
        if (!(activity.getDetail().getScheduled() instanceof Timing timing)
                || !activity.getDetail().hasInstantiatesCanonical()
                || !activity.getDetail()
                        .getInstantiatesCanonical()
                        .get(0)
                        .getValue()
                        .contains("/Questionnaire/")) {
            return false;
        }
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        return repeat.getFrequency() == 1
                && repeat.getPeriod() != null
                && repeat.getPeriod().intValue() == 1
                && repeat.getPeriodUnit() == Timing.UnitsOfTime.D
                && repeat.hasBoundsPeriod();
    }

    private static String activityId(CarePlanActivityComponent activity) {
        Extension extension = activity.getExtensionByUrl(Canonicals.EXT_ACTIVITY_IDENTIFIER);
        return extension != null && extension.getValue() instanceof Identifier identifier
                ? identifier.getValue()
                : null;
    }
}
