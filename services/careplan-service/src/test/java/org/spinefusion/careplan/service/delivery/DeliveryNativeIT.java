package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An EHR that writes every type receives the plan as native resources; a revision updates them. */
@DeliveryIntegrationTest
class DeliveryNativeIT {

    static TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    Deliveries deliveries;

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = TestEhr.nativeWrites();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.close();
    }

    @BeforeEach
    void setUp() {
        deliveries = new Deliveries(port, jdbc);
    }

    @Test
    void deliversThePlanGoalsAndQuestionnairesAsNativeResourcesButHoldsMessagesUntilDue() {
        EpisodeSpec episode = Episodes.episode();
        String endpoint = Fixtures.unique("native");
        Parameters registered =
                deliveries.register(endpoint, ehr, episode.patient().getReference());
        assertThat(registered.getParameterValue("mode").primitiveValue()).isEqualTo("native");

        CarePlan plan = Episodes.apply(port, episode);

        Deliveries.await(
                Duration.ofSeconds(20),
                () -> deliveries.count(endpoint, "pending") == countPlanned(plan)
                        && deliveries.count(endpoint, "delivered") > 0,
                () -> deliveries.states(endpoint));
        assertThat(ehr.copiesByIdentifier(CarePlan.class, Deliveries.IDENTIFIER_SYSTEM))
                .containsEntry("CarePlan/" + plan.getIdPart(), 1L);
        var goals = ehr.copiesByIdentifier(Goal.class, Deliveries.IDENTIFIER_SYSTEM);
        assertThat(plan.getGoal()).isNotEmpty().allSatisfy(goal -> assertThat(goals)
                .containsEntry(goal.getReference(), 1L));
        assertThat(ehr.copiesByIdentifier(Questionnaire.class, Deliveries.IDENTIFIER_SYSTEM))
                .isNotEmpty();
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM)
                        .keySet())
                .noneMatch(key -> key.contains(plan.getIdPart()));
        Parameters status = deliveries.status("CarePlan/" + plan.getIdPart());
        assertThat(status.getParameter()).hasSize(1);
        assertThat(status.getParameterFirstRep().getPart())
                .anyMatch(p -> p.getName().equals("state")
                        && p.getValue().primitiveValue().equals("delivered"));
    }

    @Test
    void aRevisedPlanUpdatesTheEhrsCopyInsteadOfSendingASecond() {
        EpisodeSpec episode = Episodes.episode();
        String endpoint = Fixtures.unique("native");
        deliveries.register(endpoint, ehr, episode.patient().getReference());
        CarePlan first = Episodes.apply(port, episode);
        String key = "CarePlan/" + first.getIdPart();
        Deliveries.await(Duration.ofSeconds(20), () -> ehrCopy(key) != null);

        Episodes.apply(port, episode.withSurgeryDate(episode.surgeryDate().plusWeeks(2)));

        Deliveries.await(
                Duration.ofSeconds(20), () -> "2".equals(ehrCopy(key).getMeta().getVersionId()));
        assertThat(ehr.copiesByIdentifier(CarePlan.class, Deliveries.IDENTIFIER_SYSTEM)
                        .get(key))
                .isEqualTo(1);
        assertThat(ehrCopy(key).getPeriod().getStart())
                .isNotEqualTo(first.getPeriod().getStart());
    }

    @Test
    void aPlannedMessageIsSentWhenDueAndRecordedAsSent() {
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("native");
        deliveries.register(endpoint, ehr, patient);
        String id = Fixtures.unique("edu");
        Instant due = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        repository.saveAll(List.of(
                Fixtures.plannedCommunication(id, patient, new DateTimeType(Date.from(due)).getValueAsString())));

        Deliveries.await(
                Duration.ofSeconds(15), () -> ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM)
                        .containsKey("Communication/" + id));
        Communication stored =
                (Communication) repository.readCurrent("Communication", id).orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
        assertThat(stored.getSent()).isNotNull();
        assertThat(Instant.now()).isAfterOrEqualTo(due);
    }

    @Test
    void aMessageCancelledBeforeItFallsDueIsNeverSent() {
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("native");
        deliveries.register(endpoint, ehr, patient);
        String id = Fixtures.unique("edu");
        Communication planned = Fixtures.plannedCommunication(
                id, patient, new DateTimeType(Date.from(Instant.now().plusSeconds(2))).getValueAsString());
        repository.saveAll(List.of(planned));
        Communication cancelled =
                (Communication) repository.readCurrent("Communication", id).orElseThrow();
        cancelled.setStatus(Communication.CommunicationStatus.NOTDONE);
        repository.saveAll(List.of(cancelled));

        Deliveries.await(
                Duration.ofSeconds(10),
                () -> deliveries.count(endpoint, "cancelled") == 1,
                () -> deliveries.states(endpoint));
        sleep(2500);
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .doesNotContainKey("Communication/" + id);
        assertThat(deliveries.states(endpoint)).containsExactly(java.util.Map.entry("cancelled", 1L));
    }

    private long countPlanned(CarePlan plan) {
        return repository.readCurrent(List.of()).size()
                + jdbc.sql("select count(*) from resource_current where res_type = 'Communication' and subject = ?"
                                + " and status = 'preparation'")
                        .param(plan.getSubject().getReference())
                        .query(Long.class)
                        .single();
    }

    private CarePlan ehrCopy(String key) {
        return ehr.stored(CarePlan.class).stream()
                .filter(p -> p.getIdentifier().stream().anyMatch(i -> key.equals(i.getValue())))
                .findFirst()
                .orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
