package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * 201 and recording it loses nothing and duplicates nothing; with the shipped settings, a delivery an instance had
 * picked when it died is taken over and delivered within a minute.
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

    @Test
    void aDeliveryPickedByAnInstanceThatDiedIsTakenOverWithinAMinuteWithTheShippedSettings() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("takeover");
        deliveries.register(endpoint, ehr, patient);
        try (ConfigurableApplicationContext survivor = secondInstance(Map.of(), SHIPPED)) {
            Scheduler survivorScheduler = survivor.getBean(Scheduler.class);
            Duration lease = survivor.getBean(DeliveryProperties.class).lease();
            scheduler.pause();
            survivorScheduler.pause();
            Communication message =
                    Deliveries.messages(Fixtures.unique("m"), patient, 1, false).get(0);
            repository.saveAll(List.of(message));

            // What a replica killed with kill -9 mid-send leaves behind: its execution picked, with its last heartbeat
            // at the moment it died, and the delivery leased to it and in flight.
            Instant died = Instant.now();
            int picked = jdbc.sql("update scheduled_tasks set picked = true, picked_by = 'killed-replica',"
                            + " last_heartbeat = ?, version = version + 1 where task_name = 'ehr-delivery'"
                            + " and task_instance = ?")
                    .params(
                            OffsetDateTime.ofInstant(died, ZoneOffset.UTC),
                            endpoint + "|Communication|" + message.getIdPart() + "|1")
                    .update();
            assertThat(picked).isEqualTo(1);
            jdbc.sql("update delivery set lease_until = ?, in_flight = true where endpoint_id = ?")
                    .params(OffsetDateTime.ofInstant(died.plus(lease), ZoneOffset.UTC), endpoint)
                    .update();
            survivorScheduler.resume();

            Deliveries.await(
                    Duration.ofSeconds(90),
                    () -> deliveries.count(endpoint, "delivered") == 1,
                    () -> deliveries.states(endpoint));
            Duration takeover = Duration.between(died, Instant.now());
            assertThat(takeover).as("taken over and delivered").isLessThan(Duration.ofSeconds(60));
            assertThat(takeover).as("not while the dead replica's lease held").isGreaterThanOrEqualTo(lease);
        }
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .hasSize(1)
                .containsValue(1L);
    }

    private static double delivered(MeterRegistry registry) {
        return registry.find("careplan.delivery.delivered").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** The settings that decide how fast a dead instance's work is taken over, left as application.yaml ships them. */
    private static final Set<String> SHIPPED = Set.of(
            "db-scheduler.polling-interval",
            "db-scheduler.heartbeat-interval",
            "db-scheduler.missed-heartbeats-limit",
            "careplan.delivery.lease");

    private static ConfigurableApplicationContext secondInstance(Map<String, Object> overrides) {
        return secondInstance(overrides, Set.of());
    }

    /** A second service instance: its own scheduler and HTTP port, the same database; {@code shipped} keys as shipped. */
    private static ConfigurableApplicationContext secondInstance(Map<String, Object> overrides, Set<String> shipped) {
        Map<String, Object> properties = new HashMap<>();
        for (String line : DeliveryIntegrationTest.PROPERTIES.split("\n")) {
            int eq = line.indexOf('=');
            if (!shipped.contains(line.substring(0, eq))) {
                properties.put(line.substring(0, eq), line.substring(eq + 1));
            }
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
