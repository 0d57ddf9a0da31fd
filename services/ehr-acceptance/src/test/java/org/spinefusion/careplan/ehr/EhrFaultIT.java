package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * The fault runs against the stock HAPI JPA server, one after another on one service database, each ending with
 * every produced resource of every run so far at the EHR exactly once and every reference resolving there
 * ({@link DeliveryAudit}): the EHR down while episodes and warning signs are posted; the service killed mid-delivery
 * (a replica takes over) and started again; two replicas on one database, one of them the restarted instance; a
 * 429/503 storm in front of the EHR, through both. The service instances run
 * with shipped settings; they are told apart only by their scheduler names. Figures go to
 * {@code target/ehr-fault-figures.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(EhrFaultIT.RecordFailures.class)
class EhrFaultIT {

    static final String ENDPOINT = "fault-ehr";
    static final Path FIGURES = Path.of("target", "ehr-fault-figures.txt");

    static JpaEhr ehr;
    static IGenericClient ehrClient;
    static AcceptanceDatabase.Connection database;
    static DeliveryAudit audit;
    static CareplanService first;
    static CareplanService second;
    static CompletableFuture<CareplanService> third;
    static FaultProxy proxy;
    /** The test's own view of the service database, for polling; one connection, not one per look. */
    static Connection serviceDb;
    static final List<EpisodeSpec> episodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        database = AcceptanceDatabase.fresh("faults");
        CompletableFuture<CareplanService> starting =
                CompletableFuture.supplyAsync(() -> CareplanService.start(database, "fault-a"));
        ehr = JpaEhr.shared();
        ehrClient = ehr.client();
        ehrClient.capabilities().ofType(CapabilityStatement.class).execute();
        first = starting.join();
        register(first, ehr.baseUrl());
        audit = new DeliveryAudit(database, ENDPOINT, ehr);
        serviceDb = audit.connect();
        Files.deleteIfExists(FIGURES);
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.startHttp();
        for (CareplanService service : new CareplanService[] {first, second, third == null ? null : third.join()}) {
            if (service != null) {
                service.stop();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        if (serviceDb != null) {
            serviceDb.close();
        }
    }

    @Test
    @Order(1)
    void theEhrDownWhileEpisodesAndWarningSignsArePostedGetsEverythingOnceItIsBack() throws Exception {
        FaultTraffic traffic = FaultTraffic.of("down", 4, 2);
        traffic.seedPatients(ehrClient);
        Instant down = Instant.now();
        ehr.stopHttp();
        long failedWhileDown;
        try {
            traffic.post(List.of(api(first)));
            episodes.addAll(traffic.episodes);
            Instant end = Instant.now().plusSeconds(30);
            while ((failedWhileDown = scalar("select count(*) from delivery where endpoint_id = ? and failures > 0"))
                    < 3) {
                assertThat(Instant.now()).as("deliveries fail while the EHR is down").isBefore(end);
                Thread.sleep(250);
            }
            assertThat(scalar("select count(*) from delivery where endpoint_id = ? and state = 'delivered'"))
                    .as("nothing delivered while the EHR is down")
                    .isZero();
        } finally {
            ehr.startHttp();
        }
        Instant up = Instant.now();
        audit.awaitSettled(Duration.ofMinutes(2));
        Duration settled = Duration.between(up, Instant.now());
        DeliveryAudit.Findings findings = audit.assertExactlyOnceAndResolving(episodes);
        record("EHR down %.1f s (%d deliveries failed meanwhile); settled %.1f s after it was back; %s",
                seconds(Duration.between(down, up)), failedWhileDown, seconds(settled), findings.summary());
    }

    /**
     * The service killed mid-delivery while a second replica runs, as in a deployment: the replica takes over what the
     * dead one held (db-scheduler declares it dead after 6 missed 5 s heartbeats; the delivery lease, 60 s, keeps the
     * resource until it lapses). The killed one is started again on the same database and delivers with the replica
     * from then on (the next two runs). The times are recorded, not asserted: the 60 s of the issue is a target, and
     * only the arrival of everything, exactly once, is a property.
     */
    @Test
    @Order(2)
    void aServiceKilledMidDeliveryIsTakenOverAndStartedAgainAndEverythingArrivesOnce() throws Exception {
        FaultTraffic traffic = FaultTraffic.of("killed", 5, 2);
        traffic.seedPatients(ehrClient);
        second = CareplanService.start(database, "fault-b");
        traffic.post(List.of(api(first)));
        episodes.addAll(traffic.episodes);
        Instant end = Instant.now().plusSeconds(30);
        while (picked(first.name).isEmpty()) {
            assertThat(Instant.now()).as("the service picks deliveries").isBefore(end);
            Thread.sleep(10);
        }
        first.kill();
        Instant killed = Instant.now();
        List<String> pickedAtKill = picked(first.name);
        long inFlightAtKill = scalar("select count(*) from delivery where endpoint_id = ? and in_flight");
        long pendingAtKill = scalar("select count(*) from delivery where endpoint_id = ? and state = 'pending'");
        assertThat(pickedAtKill).as("deliveries the killed service held").isNotEmpty();
        third = CompletableFuture.supplyAsync(() -> CareplanService.start(database, "fault-c"));

        Duration restarted = null;
        Duration takenOver = null;
        Duration deliveredAgain = null;
        Instant limit = killed.plus(Duration.ofMinutes(3));
        while (takenOver == null || deliveredAgain == null) {
            assertThat(Instant.now())
                    .as("the executions the killed service held are taken over; still held: %s",
                            picked(first.name))
                    .isBefore(limit);
            if (restarted == null && third.isDone()) {
                restarted = Duration.between(killed, Instant.now());
            }
            if (takenOver == null && picked(first.name).isEmpty()) {
                takenOver = Duration.between(killed, Instant.now());
            }
            if (deliveredAgain == null && undelivered(pickedAtKill) == 0) {
                deliveredAgain = Duration.between(killed, Instant.now());
            }
            Thread.sleep(250);
        }
        audit.awaitSettled(Duration.ofMinutes(2));
        DeliveryAudit.Findings findings = audit.assertExactlyOnceAndResolving(episodes);
        third.join();
        if (restarted == null) {
            restarted = Duration.between(killed, Instant.now());
        }
        record("service kill -9 with %d executions picked (%d deliveries in flight, %d pending), a replica running:"
                        + " the picked executions taken over (no longer held by the dead instance) %.1f s after the"
                        + " kill, all of them delivered %.1f s after; the killed instance ready again %.1f s after;"
                        + " %s",
                pickedAtKill.size(), inFlightAtKill, pendingAtKill, seconds(takenOver), seconds(deliveredAgain),
                seconds(restarted), findings.summary());
    }

    @Test
    @Order(3)
    void twoReplicasOnOneDatabaseDeliverEverythingOnce() throws Exception {
        assertThat(second).as("the replica that survived the kill").isNotNull();
        CareplanService other = third.join();
        FaultTraffic traffic = FaultTraffic.of("replicas", 6, 3);
        traffic.seedPatients(ehrClient);
        Set<String> pickers = ConcurrentHashMap.newKeySet();
        AtomicBoolean watching = new AtomicBoolean(true);
        CompletableFuture<Void> watch = CompletableFuture.runAsync(() -> {
            try (Connection connection = audit.connect()) {
                while (watching.get()) {
                    pickers.addAll(pickerNames(connection));
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        traffic.post(List.of(api(second), api(other)));
        episodes.addAll(traffic.episodes);
        Instant posted = Instant.now();
        audit.awaitSettled(Duration.ofMinutes(2));
        watching.set(false);
        watch.join();
        DeliveryAudit.Findings findings = audit.assertExactlyOnceAndResolving(episodes);
        record("two replicas, one of them started again after the kill (%s seen holding deliveries): settled %.1f s after the last post; %s",
                new TreeSet<>(pickers), seconds(Duration.between(posted, Instant.now())), findings.summary());
        assertThat(pickers).as("instances seen holding deliveries").isNotEmpty().isSubsetOf(second.name, other.name);
    }

    @Test
    @Order(4)
    void aStormOf429And503InFrontOfTheEhrStillGetsEverythingThereOnce() throws Exception {
        assertThat(second).as("the replica that survived the kill").isNotNull();
        CareplanService other = third.join();
        proxy = new FaultProxy(ehr.baseUrl());
        register(second, proxy.baseUrl());
        proxy.storm(true);
        FaultTraffic traffic = FaultTraffic.of("storm", 5, 2);
        traffic.seedPatients(ehrClient);
        traffic.post(List.of(api(second), api(other)));
        episodes.addAll(traffic.episodes);
        Instant posted = Instant.now();
        audit.awaitSettled(Duration.ofMinutes(2));
        Duration settled = Duration.between(posted, Instant.now());
        proxy.storm(false);
        DeliveryAudit.Findings findings = audit.assertExactlyOnceAndResolving(episodes);
        Map<FaultProxy.Fault, Integer> injected = new TreeMap<>();
        for (FaultProxy.Fault fault : FaultProxy.Fault.values()) {
            injected.put(fault, proxy.injected(fault));
        }
        record("429/503 storm through two replicas: %s injected, %d passed; settled %.1f s after the last post; %s",
                injected, proxy.passed(), seconds(settled), findings.summary());
        assertThat(injected).as("faults injected").allSatisfy((fault, count) -> assertThat(count)
                .as("%s", fault)
                .isPositive());
    }

    /**
     * Registers the endpoint; again while the service could not read the CapabilityStatement (HAPI JPA builds it
     * slowly when cold, and the service gives discovery 15 s).
     */
    private static void register(CareplanService via, String baseUrl) throws InterruptedException {
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(ENDPOINT));
        in.addParameter("base-url", new UriType(baseUrl));
        in.addParameter("patient-identity", new StringType("identifier:" + EhrDeliveryIT.MRN));
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            Parameters registered = api(via).operation()
                    .onServer()
                    .named("$delivery-register-endpoint")
                    .withParameters(in)
                    .execute();
            if (registered.getParameterValue("mode") != null) {
                assertThat(registered.getParameterValue("mode").primitiveValue()).isEqualTo("native");
                return;
            }
            assertThat(Instant.now()).as("the service reads the EHR's capabilities").isBefore(end);
            Thread.sleep(1000);
        }
    }

    private static IGenericClient api(CareplanService service) {
        return service.client(ehr.fhir());
    }

    /** The delivery executions {@code scheduler} holds picked. */
    private static List<String> picked(String scheduler) throws Exception {
        try (PreparedStatement statement = serviceDb.prepareStatement("select task_instance from scheduled_tasks"
                        + " where task_name = 'ehr-delivery' and picked and picked_by = ?")) {
            statement.setString(1, scheduler);
            List<String> instances = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    instances.add(rs.getString(1));
                }
            }
            return instances;
        }
    }

    private static List<String> pickerNames(Connection connection) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("select distinct picked_by from"
                        + " scheduled_tasks where task_name = 'ehr-delivery' and picked");
                ResultSet rs = statement.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    /** Of these delivery executions ({@code endpoint|type|id|version}), how many the ledger does not have delivered. */
    private static long undelivered(List<String> instances) throws Exception {
        long count = 0;
        try (PreparedStatement statement = serviceDb.prepareStatement("select count(*) from delivery where"
                        + " endpoint_id = ? and res_type = ? and res_id = ? and ((state = 'delivered' and delivered_version >= ?)"
                        + " or state in ('cancelled', 'not-applicable'))")) {
            for (String instance : instances) {
                String[] key = instance.split("\\|");
                statement.setString(1, key[0]);
                statement.setString(2, key[1]);
                statement.setString(3, key[2]);
                statement.setInt(4, Integer.parseInt(key[3]));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    count += rs.getLong(1) == 0 ? 1 : 0;
                }
            }
        }
        return count;
    }

    private static long scalar(String sql) throws Exception {
        try (PreparedStatement statement = serviceDb.prepareStatement(sql)) {
            statement.setString(1, ENDPOINT);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void record(String format, Object... values) throws Exception {
        String line = String.format(format, values);
        System.out.println("[fault] " + line);
        Files.writeString(FIGURES, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A failed run is written to the figures too, so a long run's outcome survives a lost test report. */
    static final class RecordFailures implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                record("%s FAILED: %s", context.getDisplayName(), cause);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
