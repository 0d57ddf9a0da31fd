package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
