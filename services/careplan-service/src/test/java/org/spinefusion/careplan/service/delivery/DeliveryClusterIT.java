package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.CarePlanServiceApplication;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two service instances on one database deliver each resource once in effect; an instance killed between the EHR's
 * 201 and recording it loses nothing and duplicates nothing.
 */
@DeliveryIntegrationTest
class DeliveryClusterIT {

    TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    Scheduler scheduler;

    @Autowired
    MeterRegistry meters;

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
    void twoInstancesDeliverEachResourceOnceInEffect() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("shared");
        deliveries.register(endpoint, ehr, patient);
        double deliveredHereBefore = delivered(meters);
        try (ConfigurableApplicationContext other = secondInstance(Map.of())) {
            ehr.faults.error500 = 0.05;
            ehr.faults.actThenFail = 0.05;
            ehr.faults.latencyMillis = 5;
            repository.saveAll(Deliveries.messages(Fixtures.unique("m"), patient, 600, false));
            Deliveries.await(
                    Duration.ofSeconds(60),
                    () -> deliveries.count(endpoint, "delivered") == 600,
                    () -> deliveries.states(endpoint));
            assertThat(delivered(other.getBean(MeterRegistry.class)))
                    .as("the other instance delivered")
                    .isPositive();
            assertThat(delivered(meters) - deliveredHereBefore)
                    .as("this instance delivered")
                    .isPositive();
        }
        Map<String, Long> copies = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        assertThat(copies).hasSize(600);
        assertThat(copies.values()).allMatch(count -> count == 1);
    }

    @Test
    void anInstanceKilledBetweenTheEhrsCreateAndRecordingItLosesAndDuplicatesNothing() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("killed");
        deliveries.register(endpoint, ehr, patient);
        scheduler.pause();
        ConfigurableApplicationContext victim = secondInstance(Map.of("careplan.delivery.request-timeout", "20s"));
        ehr.faults.actThenStall = 1.0;
        ehr.faults.stallMillis = 15_000;
        repository.saveAll(Deliveries.messages(Fixtures.unique("m"), patient, 20, false));
        Deliveries.await(
                Duration.ofSeconds(20), () -> ehr.stored(Communication.class).size() >= 5);
        victim.close();
        long createdBeforeKill = ehr.stored(Communication.class).size();
        ehr.faults.none();
        scheduler.resume();

        Deliveries.await(
                Duration.ofSeconds(40),
                () -> deliveries.count(endpoint, "delivered") == 20,
                () -> deliveries.states(endpoint));
        assertThat(createdBeforeKill).isPositive();
        Map<String, Long> copies = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        assertThat(copies).hasSize(20);
        assertThat(copies.values()).allMatch(count -> count == 1);
    }

    private static double delivered(MeterRegistry registry) {
        return registry.find("careplan.delivery.delivered").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** A second service instance: its own scheduler and HTTP port, the same database. */
    private static ConfigurableApplicationContext secondInstance(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        for (String line : DeliveryIntegrationTest.PROPERTIES.split("\n")) {
            int eq = line.indexOf('=');
            properties.put(line.substring(0, eq), line.substring(eq + 1));
        }
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("logging.structured.format.console", "");
        properties.put("careplan.definitions.seed-on-startup", "false");
        properties.put("db-scheduler.scheduler-name", "second-instance");
        properties.putAll(overrides);
        // As arguments, so they win over application.yaml as the test's own properties do.
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CarePlanServiceApplication.class)
                .initializers(new TestDatabase())
                .run(arguments);
    }
}
