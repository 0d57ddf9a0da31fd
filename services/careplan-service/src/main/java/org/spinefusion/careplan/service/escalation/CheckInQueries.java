package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;
import org.spinefusion.careplan.pathway.Canonicals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the episodes with a running daily check-in (the CarePlan activity that asks for a Questionnaire once a day)
 * and the days their patients answered it.
 */
@Repository
class CheckInQueries {

    private static final String SURGERY_ACTION = "surgery";

    private final JdbcClient jdbc;
    private final FhirContext fhirContext;

    CheckInQueries(JdbcClient jdbc, FhirContext fhirContext) {
        this.jdbc = jdbc;
        this.fhirContext = fhirContext;
    }

    /** Active plans whose period covers {@code now}, with a daily check-in window that includes {@code today}. */
    List<CheckInWatch> running(Instant now, LocalDate today) {
        List<CheckInWatch> watches = new ArrayList<>();
        jdbc.sql("select e.episode_key, e.patient_ref, e.careplan_id, v.content::text from episode e"
                        + " join resource_current c on c.res_type = 'CarePlan' and c.res_id = e.careplan_id"
                        + " join resource_version v on v.res_type = c.res_type and v.res_id = c.res_id"
                        + " and v.version_id = c.version_id"
                        + " where c.status = 'active' and c.date_start <= ? and (c.date_end is null or c.date_end > ?)")
                .params(utc(now), utc(now))
                .query(rs -> {
                    EpisodeFacts episode =
                            new EpisodeFacts(rs.getString(1), rs.getString(2), rs.getString(3), "active");
                    CarePlan plan = fhirContext.newJsonParser().parseResource(CarePlan.class, rs.getString(4));
                    watch(episode, plan)
                            .filter(w -> !today.isBefore(w.firstDay())
                                    && !today.isAfter(w.lastDay().plusDays(1)))
                            .ifPresent(watches::add);
                });
        return watches;
    }

    /** The clinic-local days on which the patient answered the questionnaire, from {@code from} on. */
    Set<LocalDate> answeredDays(String patient, String questionnaireUrl, LocalDate from, ZoneId zone) {
        Set<LocalDate> days = new HashSet<>();
        jdbc.sql("select date_start from resource_current where res_type = 'QuestionnaireResponse' and subject = ?"
                        + " and refs && array[?]::text[] and date_start >= ?")
                .params(patient, questionnaireUrl, utc(from.atStartOfDay(zone).toInstant()))
                .query(rs -> {
                    days.add(rs.getObject(1, OffsetDateTime.class)
                            .atZoneSameInstant(zone)
                            .toLocalDate());
                });
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

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
