package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.escalation.EscalationConfiguration.RuleBook;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily scan of the timed rules: counts each running episode's consecutive missed daily check-ins (up to
 * yesterday) and raises what the rules say (a reminder, then an outreach escalation). Each episode commits on its
 * own, so one bad plan does not hold up the others; open findings are not raised twice.
 */
@Service
class MissedCheckIns {

    private static final String WARNING_SIGN = Canonicals.BASE + "/CodeSystem/warning-sign";

    private final CheckInQueries queries;
    private final IntakeQueries intake;
    private final EscalationStore store;
    private final Escalator escalator;
    private final ResourceRepository resources;
    private final RuleBook rules;
    private final TransactionTemplate transaction;
    private final ZoneId clinicZone;
    private final EscalationWording wording;

    MissedCheckIns(
            CheckInQueries queries,
            IntakeQueries intake,
            EscalationStore store,
            Escalator escalator,
            ResourceRepository resources,
            RuleBook rules,
            TransactionTemplate transaction,
            ZoneId clinicZone,
            EscalationWording wording) {
        this.wording = wording;
        this.queries = queries;
        this.intake = intake;
        this.store = store;
        this.escalator = escalator;
        this.resources = resources;
        this.rules = rules;
        this.transaction = transaction;
        this.clinicZone = clinicZone;
    }

    /** @return the number of escalations raised */
    int scan(Instant now) {
        LocalDate today = now.atZone(clinicZone).toLocalDate();
        int raised = 0;
        for (CheckInWatch watch : queries.running(now, today)) {
            Boolean sent = transaction.execute(status -> check(watch, today, now));
            raised += Boolean.TRUE.equals(sent) ? 1 : 0;
        }
        return raised;
    }

    private boolean check(CheckInWatch watch, LocalDate today, Instant now) {
        String episodeKey = watch.episode().episodeKey();
        intake.lockEpisode(episodeKey);
        int missed = missedInARow(watch, today);
        Map<String, Base> variables = new HashMap<>();
        variables.put("missedConsecutiveCheckIns", new IntegerType(missed));
        variables.put("daysSinceSurgery", new IntegerType((int) ChronoUnit.DAYS.between(watch.surgeryDate(), today)));
        variables.put("dailySteps", null);
        List<EscalationRule> firing = rules.timed().firing(new IntegerType(missed), variables);
        Set<String> open = store.openFindings(episodeKey);
        List<EscalationRule> fresh =
                firing.stream().filter(rule -> !open.contains(rule.id())).toList();
        if (fresh.isEmpty()) {
            return false;
        }
        String id = "esc-" + UUID.randomUUID().toString().substring(0, 23);
        Observation count = missedCount(id, watch, missed, now);
        resources.saveAll(List.of(count));
        escalator.raise(
                new EscalationDraft(
                        id,
                        watch.episode(),
                        fresh,
                        List.of(new Reference("Observation/" + count.getIdPart())),
                        List.of(missed + " daily check-ins missed in a row"),
                        rules.timed(),
                        now),
                null);
        return true;
    }

    /** Days without an answer, counted back from yesterday to the first day of the window. */
    private int missedInARow(CheckInWatch watch, LocalDate today) {
        Set<LocalDate> answered = queries.answeredDays(
                watch.episode().patientReference(), watch.questionnaireUrl(), watch.firstDay(), clinicZone);
        int missed = 0;
        LocalDate last = today.minusDays(1).isAfter(watch.lastDay()) ? watch.lastDay() : today.minusDays(1);
        for (LocalDate day = last; !day.isBefore(watch.firstDay()) && !answered.contains(day); day = day.minusDays(1)) {
            missed++;
        }
        return missed;
    }

    private Observation missedCount(String escalationId, CheckInWatch watch, int missed, Instant now) {
        Observation observation = new Observation();
        observation.setId("obs-" + escalationId);
        observation.addIdentifier().setSystem(MeasuredFindings.ID_OBSERVATION).setValue(escalationId);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding(WARNING_SIGN, "missed-check-ins", "Missed check-ins"))
                .setText(wording.text(Text.MISSED_CHECK_INS_TITLE)));
        observation.setSubject(new Reference(watch.episode().patientReference()));
        observation.addBasedOn(new Reference("CarePlan/" + watch.episode().carePlanId()));
        observation.setEffective(new DateTimeType(java.util.Date.from(now)));
        observation.setValue(new IntegerType(missed));
        observation.setText(Xhtml.div()
                .heading(wording.text(Text.MISSED_CHECK_INS_TITLE))
                .field(wording.text(Text.MISSED_CHECK_INS_COUNT_LABEL), Integer.toString(missed))
                .toNarrative());
        return observation;
    }
}
