package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalations leave right after the commit that raised them, on their own lane: with the scheduler paused (no poll,
 * no free thread) the alert still arrives; routine traffic does not. The scheduled execution, once the scheduler runs
 * again, finds the alert delivered and sends no second copy.
 */
@DeliveryIntegrationTest
class UrgentDeliveryIT {

    TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    Scheduler scheduler;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = TestEhr.nativeWrites();
    }

    @AfterEach
    void stopEhr() throws Exception {
        scheduler.resume();
        ehr.close();
    }

    @Test
    void anAlertArrivesWhileTheSchedulerIsPausedAndOnlyOnceAfterItResumes() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("urgent");
        deliveries.register(endpoint, ehr, patient);
        Communication routine = Deliveries.messages(Fixtures.unique("routine"), patient, 1, false)
                .get(0);
        Communication alert =
                Deliveries.messages(Fixtures.unique("alert"), patient, 1, true).get(0);

        scheduler.pause();
        repository.saveAll(List.of(routine));
        repository.saveAll(List.of(alert));

        Deliveries.await(
                Duration.ofSeconds(20),
                () -> ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM)
                        .containsKey("Communication/" + alert.getIdPart()),
                () -> deliveries.states(endpoint));
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .as("routine traffic waits for the scheduler")
                .doesNotContainKey("Communication/" + routine.getIdPart());

        scheduler.resume();
        Deliveries.await(
                Duration.ofSeconds(30),
                () -> deliveries.count(endpoint, "delivered") == 2 && scheduledFor(endpoint) == 0,
                () -> deliveries.states(endpoint));
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .containsEntry("Communication/" + alert.getIdPart(), 1L)
                .containsEntry("Communication/" + routine.getIdPart(), 1L);
    }

    private long scheduledFor(String endpoint) {
        return jdbc.sql(
                        "select count(*) from scheduled_tasks where task_name = 'ehr-delivery' and task_instance like ?")
                .param(endpoint + "|%")
                .query(Long.class)
                .single();
    }
}
