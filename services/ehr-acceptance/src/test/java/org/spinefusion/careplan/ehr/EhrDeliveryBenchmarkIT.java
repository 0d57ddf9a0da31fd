package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * Delivery to the stock HAPI JPA server with the service's shipped settings (2 s polling, 4 threads): the drain rate
 * of what $apply produces against that server's own ingest rate for the same resources, in the same run; and alert
 * latency (QuestionnaireResponse POST to the alert stored at the EHR) behind a routine backlog. Skipped unless
 * {@code -Dehr.bench=true}; writes {@code target/ehr-delivery-bench.txt}. A measurement, not a test: nothing here
 * asserts a time.
 */
@EnabledIfSystemProperty(named = "ehr.bench", matches = "true")
class EhrDeliveryBenchmarkIT {

    static final String ENDPOINT = "bench-ehr";
    static final CacheControlDirective FRESH = new CacheControlDirective().setNoCache(true);

    @Test
    void measuresDeliveryAgainstIngestAndAlertLatencyBehindABacklog() throws Exception {
        int rateEpisodes = Integer.getInteger("ehr.bench.episodes", 40);
        // About 24 deliveries an episode: 420 episodes leave a backlog of about 10,000 routine deliveries.
        int backlogEpisodes = Integer.getInteger("ehr.bench.backlog", 420);
        int samples = Integer.getInteger("ehr.bench.samples", 40);
        JpaEhr ehr = JpaEhr.shared();
        CareplanService service = CareplanService.shared();
        IGenericClient api = service.client(ehr.fhir());
        IGenericClient ehrClient = ehr.client();
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(ENDPOINT));
        in.addParameter("base-url", new UriType(ehr.baseUrl()));
        in.addParameter("patient-identity", new StringType("identifier:" + EhrDeliveryIT.MRN));
        api.operation().onServer().named("$delivery-register-endpoint").withParameters(in).execute();
        StringBuilder report = new StringBuilder();

        List<EpisodeSpec> alertEpisodes = episodes("alert", samples + 2);
        List<String> alertPatients = seed(ehr, alertEpisodes);
        inParallel(alertEpisodes, episode -> apply(api, episode));
        settle(service, Duration.ofMinutes(5));

        // Delivery rate: the outbox filled by $apply from 4 clients, then drained with nothing else running; the
        // drain is timed from the last $apply's answer to the last delivery.
        List<EpisodeSpec> rate = episodes("rate", rateEpisodes);
        seed(ehr, rate);
        Instant phase = Instant.now();
        inParallel(rate, episode -> apply(api, episode));
        Instant applied = Instant.now();
        CpuMeter serviceCpu = new CpuMeter(service.pid(), service.database);
        // The EHR runs in this JVM; while the service drains, this JVM does little else.
        CpuMeter ehrCpu = new CpuMeter(ProcessHandle.current().pid(), ehr.database);
        CpuMeter.Reading serviceBefore = serviceCpu.read();
        CpuMeter.Reading ehrBefore = ehrCpu.read();
        settle(service, Duration.ofMinutes(10));
        CpuMeter.Used serviceDrain = CpuMeter.between(serviceBefore, serviceCpu.read());
        CpuMeter.Used ehrDrain = CpuMeter.between(ehrBefore, ehrCpu.read());
        List<String[]> delivered = deliveredSince(service, phase);
        Instant last = Instant.parse(delivered.get(delivered.size() - 1)[2]);
        long drained = delivered.stream()
                .filter(row -> Instant.parse(row[2]).isAfter(applied))
                .count();
        double drainSeconds = Duration.between(applied, last).toMillis() / 1000.0;
        double deliveryRate = drained / drainSeconds;
        List<Resource> copies = copies(ehrClient, delivered);
        Ingest ingest = ingest(ehr, copies, singly(copies), 4, ehrCpu);
        Ingest ingestAsTransactions = ingest(ehr, copies, byWrite(copies, delivered), 4, ehrCpu);
        double ingestRate = ingest.rate();
        report.append(String.format(
                "delivery: %d resources, %d of them drained after $apply ended, in %.1f s = %.1f/s; ingest of the same"
                        + " resources by 4 threads, a create each: %.1f/s (ratio %.2f); as the same transactions (one per"
                        + " write that queued them, %d): %.1f/s (ratio %.2f)%n",
                delivered.size(),
                drained,
                drainSeconds,
                deliveryRate,
                ingestRate,
                deliveryRate / ingestRate,
                byWrite(copies, delivered).size(),
                ingestAsTransactions.rate(),
                deliveryRate / ingestAsTransactions.rate()));
        // All delivered resources count in the drain's CPU, also those of the planned messages it settled.
        report.append(String.format(
                "CPU per resource during the drain: service %.1f ms + its database %.1f ms; EHR (with this JVM) %.1f ms +"
                        + " its database %.1f ms. During the ingest: EHR (with the ingest client) %.1f ms + its database"
                        + " %.1f ms a create each, %.1f ms + %.1f ms as transactions%n",
                serviceDrain.serverMillis() / drained,
                serviceDrain.databaseMillis() / drained,
                ehrDrain.serverMillis() / drained,
                ehrDrain.databaseMillis() / drained,
                ingest.cpu().serverMillis() / delivered.size(),
                ingest.cpu().databaseMillis() / delivered.size(),
                ingestAsTransactions.cpu().serverMillis() / delivered.size(),
                ingestAsTransactions.cpu().databaseMillis() / delivered.size()));

        List<EpisodeSpec> backlog = episodes("backlog", backlogEpisodes);
        seed(ehr, backlog);
        inParallel(backlog, episode -> apply(api, episode));
        List<Long> latencies = new ArrayList<>();
        List<Long> posts = new ArrayList<>();
        List<Long> pendingAtSample = new ArrayList<>();
        for (int i = 0; i < alertEpisodes.size(); i++) {
            pendingAtSample.add(pendingDue(service));
            // Built before the clock starts: it reads the episode's Questionnaire from the service first.
            QuestionnaireResponse response =
                    SymptomResponses.symptoms(api, alertEpisodes.get(i), SymptomResponses.FEVER_WITH_REDNESS);
            long start = System.nanoTime();
            api.create().resource(response).execute();
            long posted = System.nanoTime();
            String patient = alertPatients.get(i);
            Instant end = Instant.now().plus(Duration.ofSeconds(60));
            while (ehrClient.search()
                    .forResource(Communication.class)
                    .where(Communication.SUBJECT.hasId(patient))
                    .and(Communication.CATEGORY.exactly().code("alert"))
                    .cacheControl(FRESH)
                    .returnBundle(Bundle.class)
                    .execute()
                    .getEntry()
                    .isEmpty()) {
                assertThat(Instant.now()).as("the alert arrives").isBefore(end);
                Thread.sleep(5);
            }
            if (i >= 2) {
                latencies.add((System.nanoTime() - start) / 1_000_000);
                posts.add((posted - start) / 1_000_000);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Long> sortedPosts = new ArrayList<>(posts);
        Collections.sort(sortedPosts);
        report.append(String.format(
                "alert latency over %d samples: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (of which the POST itself:"
                        + " p50 %d ms, p99 %d ms); routine deliveries due and pending at the samples: %s%n",
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1),
                percentile(sortedPosts, 50),
                percentile(sortedPosts, 99),
                pendingAtSample));
        System.out.print(report);
        Files.writeString(Path.of("target", "ehr-delivery-bench.txt"), report);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The EHR's own ingest rate, and the CPU it used for it. */
    private record Ingest(double rate, CpuMeter.Used cpu) {}

    /**
     * The delivered resources as the EHR now holds them, without id and meta; with the same identifiers and references,
     * so storing them again costs the same indexing and integrity checks.
     */
    private static List<Resource> copies(IGenericClient ehrClient, List<String[]> delivered) {
        List<Resource> copies = new ArrayList<>();
        for (String[] row : delivered) {
            Resource copy = (Resource) ehrClient.read().resource(row[0]).withId(row[1]).execute();
            copy.setId((String) null);
            copy.setMeta(null);
            copies.add(copy);
        }
        return copies;
    }

    private static List<List<Resource>> singly(List<Resource> copies) {
        return copies.stream().map(List::of).toList();
    }

    /** Grouped as the service sent them: one group per write of ours that queued them (a ledger batch). */
    private static List<List<Resource>> byWrite(List<Resource> copies, List<String[]> delivered) {
        Map<String, List<Resource>> groups = new LinkedHashMap<>();
        for (int i = 0; i < copies.size(); i++) {
            String batch = delivered.get(i)[3];
            groups.computeIfAbsent(batch == null ? "alone-" + i : batch, b -> new ArrayList<>())
                    .add(copies.get(i));
        }
        return List.copyOf(groups.values());
    }

    /**
     * The copies POSTed straight to the EHR by as many threads as the service has: a group of one as a create, a
     * larger group as one transaction of creates.
     */
    private static Ingest ingest(
            JpaEhr ehr, List<Resource> copies, List<List<Resource>> groups, int threads, CpuMeter cpu)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            IGenericClient client = ehr.client();
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < groups.size(); i = next.getAndIncrement()) {
                    List<Resource> group = groups.get(i);
                    if (group.size() == 1) {
                        client.create().resource(group.get(0)).execute();
                        continue;
                    }
                    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                    for (Resource resource : group) {
                        transaction
                                .addEntry()
                                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                                .setResource(resource)
                                .getRequest()
                                .setMethod(Bundle.HTTPVerb.POST)
                                .setUrl(resource.fhirType());
                    }
                    client.transaction().withBundle(transaction).execute();
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double rate = copies.size() / ((System.nanoTime() - start) / 1e9);
        CpuMeter.Used used = CpuMeter.between(before, cpu.read());
        pool.shutdown();
        return new Ingest(rate, used);
    }

    private static List<EpisodeSpec> episodes(String name, int count) {
        List<EpisodeSpec> episodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            episodes.add(episode(name + i));
        }
        return episodes;
    }

    /** Each episode's Patient registered at the EHR with its MRN; their EHR references, in order. */
    private static List<String> seed(JpaEhr ehr, List<EpisodeSpec> episodes) throws Exception {
        List<String> references = new ArrayList<>(Collections.nCopies(episodes.size(), (String) null));
        IGenericClient ehrClient = ehr.client();
        inParallel(
                IntStream.range(0, episodes.size()).boxed().toList(),
                i -> references.set(i, seed(ehrClient, episodes.get(i))));
        return references;
    }

    /** The calls made by 4 clients at once, as an EHR's integration would feed the service. */
    private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (T item : items) {
                calls.add(pool.submit(() -> call.accept(item)));
            }
            for (Future<?> future : calls) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Operated two days ago: symptom checks open only after the surgery. */
    private static EpisodeSpec episode(String name) {
        return EpisodeSpec.cervical(
                name + "-" + UUID.randomUUID().toString().substring(0, 8),
                LocalDate.now().minusDays(2),
                "approach-anterior",
                "hardware-plates",
                "setting-inpatient");
    }

    private static String seed(IGenericClient ehrClient, EpisodeSpec episode) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(EhrDeliveryIT.MRN).setValue(episode.patientId());
        return "Patient/" + ehrClient.create().resource(patient).execute().getId().getIdPart();
    }

    private static void apply(IGenericClient api, EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        api.operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }

    private static void settle(CareplanService service, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (pendingDue(service) > 0) {
            assertThat(Instant.now()).as("deliveries settle").isBefore(end);
            Thread.sleep(200);
        }
    }

    private static long pendingDue(CareplanService service) throws Exception {
        try (Connection connection = connect(service);
                PreparedStatement statement = connection.prepareStatement("select count(*) from delivery where"
                        + " endpoint_id = ? and (in_flight or (state = 'pending' and due <= now()))")) {
            statement.setString(1, ENDPOINT);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Type, EHR id, delivery time and ledger batch of what was delivered since {@code since}, in delivery order. */
    private static List<String[]> deliveredSince(CareplanService service, Instant since) throws Exception {
        try (Connection connection = connect(service);
                PreparedStatement statement = connection.prepareStatement("select target_type, ehr_id,"
                        + " to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), batch::text"
                        + " from delivery where endpoint_id = ? and state = 'delivered' and delivered_at >= ?"
                        + " order by delivered_at")) {
            statement.setString(1, ENDPOINT);
            statement.setObject(2, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return rows;
        }
    }

    private static Connection connect(CareplanService service) throws Exception {
        AcceptanceDatabase.Connection db = service.database;
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
