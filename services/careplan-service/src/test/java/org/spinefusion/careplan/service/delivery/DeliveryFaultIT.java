package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Whatever the EHR does (errors, timeouts, throttling, acting then failing), every resource arrives exactly once. */
@DeliveryIntegrationTest
class DeliveryFaultIT {

    static final int MESSAGES = 1200;

    TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    SchedulerClient scheduler;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = TestEhr.nativeWrites();
    }

    @AfterEach
    void stopEhr() throws Exception {
        ehr.close();
    }

    @Test
    void everyResourceArrivesExactlyOnceThroughErrorsTimeoutsThrottlingAndLostResponses() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("faulty");
        deliveries.register(endpoint, ehr, patient);
        ehr.faults.error500 = 0.08;
        ehr.faults.tooMany = 0.05;
        ehr.faults.stallBefore = 0.02;
        ehr.faults.actThenFail = 0.04;
        ehr.faults.actThenStall = 0.02;
        ehr.faults.stallMillis = 1000;
        String prefix = Fixtures.unique("m");
        for (int batch = 0; batch < MESSAGES / 200; batch++) {
            List<Communication> messages = Deliveries.messages(prefix + "-" + batch, patient, 200, false);
            repository.saveAll(messages);
        }
        Deliveries.await(Duration.ofSeconds(30), () -> ehr.faults.injected.get() > 100);
        ehr.faults.none();

        Deliveries.await(
                Duration.ofSeconds(90),
                () -> deliveries.count(endpoint, "delivered") == MESSAGES,
                () -> deliveries.states(endpoint));
        Map<String, Long> copies = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        assertThat(copies).hasSize(MESSAGES);
        assertThat(copies.values()).allMatch(count -> count == 1);
        assertThat(ehr.stored(Communication.class)).hasSize(MESSAGES);
    }

    /**
     * During an outage every attempt doubles a delivery's wait (up to an hour as shipped); the first delivery that lands
     * once the EHR answers again brings the others forward. Their long waits are set here directly, as many failed
     * attempts would have made them.
     */
    @Test
    void whatWaitedOutAnOutageGoesAsSoonAsTheEhrAnswersAgain() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("outage");
        deliveries.register(endpoint, ehr, patient);
        ehr.faults.stallBefore = 1.0;
        List<Communication> waiting = Deliveries.messages(Fixtures.unique("w"), patient, 5, false);
        repository.saveAll(waiting);
        Deliveries.await(
                Duration.ofSeconds(20),
                () -> jdbc.sql("select count(*) from delivery where endpoint_id = ? and failures > 0")
                                .param(endpoint)
                                .query(Long.class)
                                .single()
                        == waiting.size());
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        Deliveries.await(Duration.ofSeconds(20), () -> waiting.stream()
                .allMatch(message ->
                        waitsUntil(new DeliveryKey(endpoint, "Communication", message.getIdPart(), 1), later)));
        ehr.faults.none();

        repository.saveAll(Deliveries.messages(Fixtures.unique("back"), patient, 1, false));

        Deliveries.await(
                Duration.ofSeconds(15),
                () -> deliveries.count(endpoint, "delivered") == waiting.size() + 1,
                () -> deliveries.states(endpoint));
        Map<String, Long> copies = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        assertThat(waiting).allSatisfy(message -> assertThat(copies.get("Communication/" + message.getIdPart()))
                .isEqualTo(1L));
    }

    /** Puts the delivery's execution off until {@code at}; false while it is running (it reschedules itself). */
    private boolean waitsUntil(DeliveryKey key, Instant at) {
        TaskInstanceId id = TaskInstanceId.of(DeliveryKey.TASK, key.instanceId());
        try {
            scheduler.reschedule(id, at);
        } catch (TaskInstanceException running) {
            return false;
        }
        return scheduler
                .getScheduledExecution(id)
                .map(execution ->
                        !execution.isPicked() && !execution.getExecutionTime().isBefore(at.minusSeconds(1)))
                .orElse(false);
    }

    @Test
    void escalationsOvertakeABacklogOfRoutineDeliveries() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("busy");
        deliveries.register(endpoint, ehr, patient);
        ehr.faults.latencyMillis = 25;
        String prefix = Fixtures.unique("r");
        repository.saveAll(Deliveries.messages(prefix, patient, 800, false));
        Deliveries.await(Duration.ofSeconds(10), () -> deliveries.count(endpoint, "delivered") > 20);
        Communication alert =
                Deliveries.messages(Fixtures.unique("alert"), patient, 1, true).get(0);
        Instant raised = Instant.now();
        repository.saveAll(List.of(alert));

        Deliveries.await(
                Duration.ofSeconds(10), () -> ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM)
                        .containsKey("Communication/" + alert.getIdPart()));
        Duration took = Duration.between(raised, Instant.now());
        long routineLeft = deliveries.count(endpoint, "pending");
        assertThat(routineLeft)
                .as("routine deliveries still waiting when the escalation arrived")
                .isGreaterThan(200);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        ehr.faults.none();
        Deliveries.await(Duration.ofSeconds(60), () -> deliveries.count(endpoint, "delivered") == 801);
    }
}
