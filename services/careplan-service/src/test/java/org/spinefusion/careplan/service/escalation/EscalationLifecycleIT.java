package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Combinations, duplicates, worsening, climbing, acknowledgement, traces and milestone progress. */
@CarePlanIntegrationTest
class EscalationLifecycleIT {

    static final Map<String, Object> FEVER = Map.of("temperature-taken", true, "temperature", 38.6);
    static final Map<String, Object> FEVER_WITH_REDNESS =
            Map.of("temperature-taken", true, "temperature", 38.6, "wound-redness", true);

    @LocalServerPort
    int port;

    @Autowired
    Escalator escalator;

    @Autowired
    MissedCheckIns missedCheckIns;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    SymptomChecks checks;

    @BeforeEach
    void setUp() {
        checks = new SymptomChecks(port);
    }

    @Test
    void feverWithAWoundSignOutranksEitherAloneAndTellsThePatientWhatToDo() {
        EpisodeSpec episode = checks.newEpisode();
        String response = checks.submitSymptoms(episode, FEVER_WITH_REDNESS);

        Communication alert = EscalationRulesIT.only(checks.alerts(episode));
        assertThat(alert.getPriority()).isEqualTo(Communication.CommunicationPriority.ASAP);
        assertThat(SymptomChecks.rulesOf(alert))
                .startsWith("fever-with-wound-signs")
                .contains("fever", "wound-sign");
        assertThat(alert.getRecipientFirstRep().getIdentifier().getValue()).isEqualTo("surgeon-on-call");
        assertThat(alert.getPayloadFirstRep().getContentStringType().getValue())
                .startsWith("ASAP: ")
                .contains("Body temperature 38.6");
        assertThat(alert.getBasedOnFirstRep().getReference())
                .isEqualTo("CarePlan/" + new EpisodeIds(episode.episodeKey()).carePlanId());
        assertThat(SymptomChecks.isAbout(alert, response)).isTrue();

        Communication instruction = EscalationRulesIT.only(checks.communications(episode, "instruction"));
        assertThat(instruction.getPriority()).isEqualTo(Communication.CommunicationPriority.ASAP);
        assertThat(instruction.getRecipientFirstRep().getReference())
                .isEqualTo(episode.patient().getReference());
    }

    @Test
    void statFindingTellsThePatientToCallEmergencyServices() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, Map.of("chest-pain", true, "wound-redness", true));

        assertThat(EscalationRulesIT.only(checks.alerts(episode)).getPriority())
                .isEqualTo(Communication.CommunicationPriority.STAT);
        assertThat(EscalationRulesIT.only(checks.communications(episode, "instruction"))
                        .getPayloadFirstRep()
                        .getContentStringType()
                        .getValue())
                .contains("emergency number now");
    }

    @Test
    void doesNotResendAFindingWhileItsEscalationIsOpen() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, FEVER);
        checks.submitSymptoms(episode, FEVER);
        checks.submitSymptoms(episode, Map.of("temperature-taken", true, "temperature", 38.4));

        assertThat(checks.alerts(episode)).hasSize(1);
        assertThat(checks.communications(episode, "instruction")).hasSize(1);
        assertThat(count("QuestionnaireResponse", episode)).isEqualTo(3);
    }

    @Test
    void sendsAWorseFindingAlthoughAMilderOneIsOpen() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, FEVER);
        String worse = checks.submitSymptoms(episode, FEVER_WITH_REDNESS);

        List<Communication> alerts = checks.alerts(episode);
        assertThat(alerts).hasSize(2);
        Communication second = alerts.get(1);
        assertThat(SymptomChecks.isAbout(second, worse)).isTrue();
        assertThat(second.getPriority()).isEqualTo(Communication.CommunicationPriority.ASAP);
        assertThat(SymptomChecks.rulesOf(second))
                .contains("fever-with-wound-signs")
                .doesNotContain("fever");
    }

    @Test
    void climbsToTheNextRecipientWhenNobodyAcknowledgesWithinTheWindow() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, FEVER);
        Communication first = EscalationRulesIT.only(checks.alerts(episode));
        String escalationId = escalationId(first);
        assertThat(first.getRecipientFirstRep().getIdentifier().getValue()).isEqualTo("triage-nurse");
        assertThat(scheduled(escalationId + "/0")).isTrue();

        Instant afterWindow = Instant.now().plus(Duration.ofHours(4)).plusSeconds(1);
        Communication climbed = transaction.execute(s -> escalator.climbIfUnacknowledged(escalationId, 0, afterWindow));

        assertThat(climbed).isNotNull();
        assertThat(climbed.getRecipientFirstRep().getIdentifier().getValue()).isEqualTo("surgeon-on-call");
        String notAcknowledged = Engines.pathwayPackage()
                .byCanonical(EscalationWording.CODE_SYSTEM, org.hl7.fhir.r4.model.CodeSystem.class)
                .orElseThrow()
                .getConcept()
                .stream()
                .filter(concept -> concept.getCode().equals("not-acknowledged"))
                .findFirst()
                .orElseThrow()
                .getDisplay()
                .replace("{role}", "Triage nurse")
                .replace("{window}", "4 h");
        assertThat(climbed.getPayloadFirstRep().getContentStringType().getValue())
                .as("the climbed alert opens with the artifact's wording")
                .startsWith(notAcknowledged + " URGENT: ");
        assertThat(checks.alerts(episode)).hasSize(2);
        Task task = task(escalationId);
        assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo("surgeon-on-call");
        assertThat(task.getFocus().getReferenceElement().getIdPart()).isEqualTo(climbed.getIdPart());
        assertThat(scheduled(escalationId + "/1")).isTrue();
        Communication again = transaction.execute(s -> escalator.climbIfUnacknowledged(escalationId, 0, afterWindow));
        assertThat(again).as("the same window firing twice climbs once").isNull();
    }

    @Test
    void acknowledgingTheTaskStopsTheClimb() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, Map.of("calf-pain-swelling", true));
        String escalationId = escalationId(EscalationRulesIT.only(checks.alerts(episode)));
        Task task = task(escalationId);
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);

        task.setStatus(Task.TaskStatus.ACCEPTED);
        task.getOwner().setDisplay("Nurse on duty");
        checks.client().update().resource(task).execute();

        assertThat(task(escalationId).getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
        Instant afterWindow = Instant.now().plus(Duration.ofHours(5));
        Communication climbed = transaction.execute(s -> escalator.climbIfUnacknowledged(escalationId, 0, afterWindow));
        assertThat(climbed).isNull();
        assertThat(checks.alerts(episode)).hasSize(1);
        checks.submitSymptoms(episode, Map.of("calf-pain-swelling", true));
        assertThat(checks.alerts(episode))
                .as("acknowledged: a new report is a new escalation")
                .hasSize(2);
    }

    @Test
    void recordsTheSignedInClinicianAsOwnerWhateverTheBodySays() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, Map.of("vomiting", true));
        String escalationId = escalationId(EscalationRulesIT.only(checks.alerts(episode)));
        Task task = task(escalationId);
        task.setStatus(Task.TaskStatus.ACCEPTED);
        task.setOwner(new org.hl7.fhir.r4.model.Reference("Practitioner/someone-else").setDisplay("Someone else"));
        String clinician = "Practitioner/" + org.spinefusion.careplan.service.support.Fixtures.unique("nurse");
        String token = org.spinefusion.careplan.service.support.TestTokens.builder()
                .scopes("user/*.rs user/Task.u")
                .claim("fhirUser", clinician)
                .sign();

        org.spinefusion.careplan.service.support.FhirClients.client(port, token)
                .update()
                .resource(task)
                .execute();

        Task acknowledged = task(escalationId);
        assertThat(acknowledged.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
        assertThat(acknowledged.getOwner().getReference()).isEqualTo(clinician);
        assertThat(acknowledged.getOwner().getDisplay()).isNull();
    }

    @Test
    void refusesToMoveAnEscalationTaskToAnythingButAnAcknowledgement() {
        EpisodeSpec episode = checks.newEpisode();
        checks.submitSymptoms(episode, Map.of("vomiting", true));
        Task task = task(escalationId(EscalationRulesIT.only(checks.alerts(episode))));
        task.setStatus(Task.TaskStatus.CANCELLED);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> checks.client().update().resource(task).execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class);
    }

    @Test
    void recordsMeasuredAnswersAndTracesTheEscalationAllValidAgainstTheProfiles() {
        EpisodeSpec episode = checks.newEpisode();
        String response =
                checks.submitSymptoms(episode, Map.of("temperature-taken", true, "temperature", 38.6, "pain-score", 9));

        List<Observation> observations = search(
                Observation.class, "Observation?subject=" + episode.patient().getReference());
        assertThat(observations)
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("8310-5", "72514-3");
        Communication alert = checks.alerts(episode).get(0);
        Provenance provenance = checks.client()
                .read()
                .resource(Provenance.class)
                .withId(escalationId(alert) + "-prov-0")
                .execute();
        assertThat(provenance.getTarget())
                .extracting(t -> t.getReferenceElement().getIdPart())
                .contains(alert.getIdPart());
        assertThat(provenance.getEntity())
                .extracting(e -> e.getWhat().getReferenceElement().getIdPart())
                .contains(response, "spinal-fusion-escalation");

        List<Resource> produced = new java.util.ArrayList<>();
        produced.addAll(checks.alerts(episode));
        produced.addAll(checks.communications(episode, "instruction"));
        produced.addAll(observations);
        produced.add(provenance);
        produced.add(task(escalationId(alert)));
        for (Resource resource : produced) {
            assertThat(Engines.validator().errors(resource))
                    .as(resource.getIdPart())
                    .isEmpty();
        }
    }

    @Test
    void milestoneCheckInAnswersUpdateTheMatchingGoals() {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.response(
                episode,
                SymptomChecks.MILESTONE_CHECK_IN,
                Map.of("daily-activities", "yes", "driving", "partly", "pain-score", 3));
        checks.submit(response);

        EpisodeIds ids = new EpisodeIds(episode.episodeKey());
        assertThat(goal(ids.goalId("daily-activities"))
                        .getAchievementStatus()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("achieved");
        assertThat(goal(ids.goalId("driving"))
                        .getAchievementStatus()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("improving");
        assertThat(goal(ids.goalId("desk-work")).hasAchievementStatus()).isFalse();
        assertThat(checks.alerts(episode)).isEmpty();
    }

    @Test
    void remindsThePatientAfterTwoMissedDailyCheckInsThenEscalatesOutreach() {
        LocalDate surgery = LocalDate.of(2033, 2, 1);
        EpisodeSpec episode = checks.newEpisode(surgery);
        EpisodeSpec answering = checks.newEpisode(surgery);
        QuestionnaireResponse dayTwo = checks.symptoms(answering, Map.of());
        dayTwo.setAuthoredElement(new org.hl7.fhir.r4.model.DateTimeType("2033-02-03T09:00:00Z"));
        checks.submit(dayTwo);

        missedCheckIns.scan(at(surgery.plusDays(2)));
        assertThat(checks.alerts(episode))
                .as("one day missed is not yet a finding")
                .isEmpty();

        missedCheckIns.scan(at(surgery.plusDays(3)));
        Communication reminder = EscalationRulesIT.only(checks.communications(episode, "instruction"));
        assertThat(reminder.getPayloadFirstRep().getContentStringType().getValue())
                .contains("check-in");
        assertThat(SymptomChecks.rulesOf(EscalationRulesIT.only(checks.alerts(episode))))
                .containsExactly("missed-check-ins-reminder");
        assertThat(checks.alerts(answering)).as("answered yesterday").isEmpty();

        missedCheckIns.scan(at(surgery.plusDays(3)));
        assertThat(checks.alerts(episode))
                .as("the same day's scan again sends nothing new")
                .hasSize(1);

        missedCheckIns.scan(at(surgery.plusDays(4)));
        List<Communication> alerts = checks.alerts(episode);
        assertThat(alerts).hasSize(2);
        assertThat(SymptomChecks.rulesOf(alerts.get(1))).containsExactly("missed-check-ins-outreach");
        assertThat(alerts.get(1).getPriority()).isEqualTo(Communication.CommunicationPriority.URGENT);
        assertThat(alerts.get(1).getRecipientFirstRep().getIdentifier().getValue())
                .isEqualTo("nurse-navigator");
        assertThat(checks.communications(episode, "instruction")).hasSize(1);
        for (Communication alert : alerts) {
            assertThat(Engines.validator().errors(alert)).isEmpty();
        }
    }

    private static Instant at(LocalDate day) {
        return day.atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    private static String escalationId(Communication alert) {
        return alert.getIdPart().substring(0, alert.getIdPart().indexOf("-alert-"));
    }

    private Task task(String escalationId) {
        return checks.client()
                .read()
                .resource(Task.class)
                .withId(escalationId + "-ack")
                .execute();
    }

    private Goal goal(String id) {
        return checks.client().read().resource(Goal.class).withId(id).execute();
    }

    private boolean scheduled(String instance) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                        .params(Escalator.ACK_WINDOW_TASK, instance)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private long count(String type, EpisodeSpec episode) {
        return jdbc.sql("select count(*) from resource_current where res_type = ? and subject = ?")
                .params(type, episode.patient().getReference())
                .query(Long.class)
                .single();
    }

    private <T extends Resource> List<T> search(Class<T> type, String url) {
        Bundle bundle =
                checks.client().search().byUrl(url).returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
    }
}
