package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.github.kagkarlsson.scheduler.Scheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.escalation.SymptomChecks;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestReceipts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The delivery benchmark of docs/benchmarks.md (run with {@code -Ddelivery.bench=true}, skipped otherwise): the test
 * EHR's own ingest rate with the scheduler's concurrency, the service's delivery throughput to the same EHR, and the
 * time from a firing QuestionnaireResponse to its alert Communication stored at the EHR behind 10,000 routine
 * deliveries. Writes {@code target/delivery-bench.txt}.
 */
@CarePlanIntegrationTest
@TestPropertySource(properties = DeliveryBenchmarkIT.PROPERTIES)
@EnabledIfSystemProperty(named = "delivery.bench", matches = "true")
class DeliveryBenchmarkIT {

    /** The recommended scheduler settings of docs/delivery.md; delivery timeouts stay at their defaults. */
    static final String PROPERTIES = "db-scheduler.threads=" + DeliveryBenchmarkIT.THREADS + "\n"
            + "db-scheduler.polling-interval=100ms\n"
            + "db-scheduler.polling-strategy=lock_and_fetch\n"
            + "db-scheduler.immediate-execution-enabled=true\n"
            + "careplan.delivery.endpoint-cache-lifetime=300ms";

    static final int THREADS = 8;
    static final int INGEST = Integer.getInteger("delivery.bench.ingest", 2000);
    static final int DELIVER = Integer.getInteger("delivery.bench.deliver", 2000);
    static final int BACKLOG = Integer.getInteger("delivery.bench.backlog", 10_000);
    static final int SAMPLES = Integer.getInteger("delivery.bench.samples", 100);
    static final int EPISODES = 10;
    static final int BATCH = 200;
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String NOTE = "After a spinal fusion, walking is the most important exercise. Start with short walks"
            + " several times a day and add a few minutes each day. Avoid bending, lifting more than 2 kg and twisting"
            + " for the first six weeks. Keep the wound clean and dry; call the clinic if it becomes red, swollen or"
            + " starts to drain, or if you have a temperature above 38 degrees, new numbness or weakness in the legs,"
            + " or trouble passing urine. Take pain medicine as prescribed and do not drive while taking opioids.";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    Scheduler scheduler;

    @Test
    void measuresIngestDeliveryAndEscalationLatency() throws Exception {
        // The service receives the symptom checks on their day: the second after the surgery of 2031-05-04.
        try (TestReceipts.Receipt receipt = TestReceipts.receivedAt(Instant.parse("2031-05-06T12:00:00Z"))) {
            StringBuilder report = new StringBuilder();
            try (TestEhr ehr = TestEhr.nativeWrites();
                    TestEhr alertEhr = TestEhr.nativeWrites()) {
                // 1. The EHR alone: direct POSTs from THREADS threads, as the delivery's first write of a resource.
                String ingestPatient = "Patient/" + Fixtures.unique("ing");
                ingest(ehr, ingestPatient, 400); // warm-up
                double ingestRate = ingest(ehr, ingestPatient, INGEST);
                report.append(String.format(
                        "ingest: %d resources (Goal/Communication 1:1, ~%d bytes JSON each) POSTed directly by %d threads:"
                                + " %.0f resources/s%n",
                        INGEST, averageSize(ingestPatient), THREADS, ingestRate));

                // 2. The service to the same EHR: a backlog written while the scheduler is paused, then drained.
                String patient = "Patient/" + Fixtures.unique("dlv");
                register(Fixtures.unique("bench"), ehr, List.of(patient));
                drain(ehr, patient, Fixtures.unique("w"), 400); // warm-up
                long[] backlogMillis = new long[1];
                double deliveryRate = drain(ehr, patient, Fixtures.unique("d"), DELIVER, backlogMillis);
                report.append(String.format(
                        "delivery: %d resources (same mix) written by saveAll in transactions of %d (%.1f s, scheduler"
                                + " paused), drained by %d scheduler threads: %.0f resources/s%n",
                        DELIVER, BATCH, backlogMillis[0] / 1000.0, THREADS, deliveryRate));
                report.append(
                        String.format("ratio delivery/ingest: %.2f (target >= 0.8)%n", deliveryRate / ingestRate));

                // 3. Escalation behind a routine backlog, at another EHR so that polling scans only this part's data.
                report.append(escalation(alertEhr));
            }
            System.out.println("DELIVERY BENCH\n" + report);
            Files.writeString(Path.of("target", "delivery-bench.txt"), report.toString());
        }
    }

    private double ingest(TestEhr ehr, String patient, int count) throws Exception {
        List<String[]> bodies = new ArrayList<>();
        String prefix = Fixtures.unique("i");
        for (int i = 0; i < count; i++) {
            Resource resource = i % 2 == 0 ? goal(prefix + "-" + i, patient, i) : message(prefix + "-" + i, patient, i);
            addIdentifier(resource, "urn:bench:ingest", resource.fhirType() + "/" + resource.getIdPart());
            bodies.add(new String[] {resource.fhirType(), FHIR.newJsonParser().encodeResourceToString(resource)});
        }
        HttpClient client = HttpClient.newBuilder().build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(ehr.baseUrl() + "/" + bodies.get(i)[0]))
                            .header("Accept", "application/fhir+json")
                            .header("Content-Type", "application/fhir+json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)[1]))
                            .build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertThat(failed.get()).isZero();
        return count / seconds;
    }

    private double drain(TestEhr ehr, String patient, String prefix, int count) throws Exception {
        return drain(ehr, patient, prefix, count, new long[1]);
    }

    /** Writes count resources with the scheduler paused, resumes it and times until all are at the EHR. */
    private double drain(TestEhr ehr, String patient, String prefix, int count, long[] backlogMillis) throws Exception {
        scheduler.pause();
        long written = System.nanoTime();
        try {
            writeBacklog(patient, prefix, count);
        } finally {
            backlogMillis[0] = (System.nanoTime() - written) / 1_000_000;
            scheduler.resume();
        }
        long start = System.nanoTime();
        scheduler.triggerCheckForDueExecutions();
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        while (delivered(ehr, prefix) < count) {
            assertThat(System.nanoTime()).as("all delivered within 120 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> goals = ehr.copiesByIdentifier(Goal.class, Deliveries.IDENTIFIER_SYSTEM);
        Map<String, Long> messages = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        long duplicates = goals.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("Goal/" + prefix) && e.getValue() > 1)
                        .count()
                + messages.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("Communication/" + prefix) && e.getValue() > 1)
                        .count();
        assertThat(duplicates).isZero();
        return count / seconds;
    }

    private void writeBacklog(String patient, String prefix, int count) {
        for (int from = 0; from < count; from += BATCH) {
            List<Resource> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                batch.add(i % 2 == 0 ? goal(prefix + "-" + i, patient, i) : message(prefix + "-" + i, patient, i));
            }
            repository.saveAll(batch);
        }
    }

    /** Delivered copies at the EHR of this prefix, counted by their delivery identifier. */
    private static long delivered(TestEhr ehr, String prefix) {
        long count = 0;
        for (Class<? extends Resource> type : List.of(Goal.class, Communication.class)) {
            String start = type.getSimpleName() + "/" + prefix + "-";
            for (Resource resource : ehr.stored(type)) {
                for (Identifier identifier : TestEhr.identifiers(resource)) {
                    if (Deliveries.IDENTIFIER_SYSTEM.equals(identifier.getSystem())
                            && identifier.getValue().startsWith(start)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private String escalation(TestEhr ehr) throws Exception {
        List<EpisodeSpec> episodes = new ArrayList<>();
        List<String> firing = new ArrayList<>();
        for (int i = 0; i < EPISODES; i++) {
            EpisodeSpec episode = EpisodeSpec.cervical(
                    Fixtures.unique("dbe"),
                    LocalDate.of(2031, 5, 4),
                    "approach-anterior",
                    "hardware-plates",
                    "setting-inpatient");
            Episodes.apply(port, episode);
            episodes.add(episode);
            firing.add(FHIR.newJsonParser()
                    .encodeResourceToString(symptoms(
                            episode, Map.of("temperature-taken", true, "temperature", 38.6, "wound-redness", true))));
        }
        String backlogPatient = "Patient/" + Fixtures.unique("blg");
        List<String> patients = new ArrayList<>();
        patients.add(backlogPatient);
        episodes.forEach(e -> patients.add(e.patient().getReference()));
        String endpoint = Fixtures.unique("alerts");
        register(endpoint, ehr, patients);
        TestHttp http = new TestHttp(port);

        // Warm-up without backlog (not reported).
        for (int i = 0; i < 10; i++) {
            sample(ehr, http, episodes.get(i % EPISODES), firing.get(i % EPISODES));
        }

        scheduler.pause();
        long written = System.nanoTime();
        try {
            writeBacklog(backlogPatient, Fixtures.unique("b"), BACKLOG);
        } finally {
            scheduler.resume();
        }
        double backlogSeconds = (System.nanoTime() - written) / 1e9;
        scheduler.triggerCheckForDueExecutions();
        long pendingFirst = pending(endpoint);
        List<Long> nanos = new ArrayList<>();
        long pendingLast = 0;
        long start = System.nanoTime();
        long before = deliveredCount(endpoint);
        for (int i = 0; i < SAMPLES; i++) {
            pendingLast = pending(endpoint);
            nanos.add(sample(ehr, http, episodes.get(i % EPISODES), firing.get(i % EPISODES)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long drained = deliveredCount(endpoint) - before;
        long pendingEnd = pending(endpoint);
        // What is left of the backlog is not needed: drop it so the database stays usable for later runs.
        scheduler.pause();
        jdbc.sql("delete from scheduled_tasks where task_instance like ? and not picked")
                .param(endpoint + "|%")
                .update();
        scheduler.resume();
        return String.format(
                "escalation: backlog of %d routine deliveries (Goal/Communication, LOW priority) written in %.1f s;"
                        + " %d firing QuestionnaireResponses (POST /fhir/QuestionnaireResponse, temperature 38.6 +"
                        + " wound redness), one at a time, escalation closed by SQL between samples; time from"
                        + " sending the POST to the first alert Communication of that patient stored at the EHR"
                        + " (polled every ~1 ms):%n  p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms (target p99 <="
                        + " 500 ms)%n  routine pending at the endpoint: %d before the first sample, %d before the"
                        + " last, %d after; %d routine delivered during the %.1f s of sampling (%.0f/s)%n",
                BACKLOG,
                backlogSeconds,
                nanos.size(),
                ms(nanos, 50),
                ms(nanos, 90),
                ms(nanos, 99),
                ms(nanos, 100),
                pendingFirst,
                pendingLast,
                pendingEnd,
                drained,
                seconds,
                drained / seconds);
    }

    /** One firing response; returns the nanoseconds until its alert is stored at the EHR. */
    private long sample(TestEhr ehr, TestHttp http, EpisodeSpec episode, String body) throws Exception {
        String patient = episode.patient().getReference();
        long alertsBefore = alerts(ehr, patient);
        long begin = System.nanoTime();
        HttpResponse<String> response = http.post("QuestionnaireResponse", "application/fhir+json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long deadline = begin + TimeUnit.SECONDS.toNanos(30);
        while (alerts(ehr, patient) <= alertsBefore) {
            assertThat(System.nanoTime()).as("alert at the EHR within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
        long took = System.nanoTime() - begin;
        jdbc.sql("update escalation set status = 'acknowledged' where status = 'open'")
                .update();
        return took;
    }

    private static long alerts(TestEhr ehr, String patient) {
        long count = 0;
        for (Communication message : ehr.stored(Communication.class)) {
            if (patient.equals(message.getSubject().getReference())
                    && message.getCategory().stream()
                            .flatMap(c -> c.getCoding().stream())
                            .anyMatch(c -> "alert".equals(c.getCode()))) {
                count++;
            }
        }
        return count;
    }

    private long pending(String endpoint) {
        return jdbc.sql("select count(*) from delivery where endpoint_id = ? and state = 'pending'")
                .param(endpoint)
                .query(Long.class)
                .single();
    }

    private long deliveredCount(String endpoint) {
        return jdbc.sql("select count(*) from delivery where endpoint_id = ? and state = 'delivered'")
                .param(endpoint)
                .query(Long.class)
                .single();
    }

    private void register(String id, TestEhr ehr, List<String> patients) throws InterruptedException {
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(id));
        in.addParameter("base-url", new UriType(ehr.baseUrl()));
        patients.forEach(p -> in.addParameter("patient", new StringType(p)));
        FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-register-endpoint")
                .withParameters(in)
                .execute();
        Thread.sleep(500); // past endpoint-cache-lifetime
    }

    private int averageSize(String patient) {
        int goal = FHIR.newJsonParser()
                .encodeResourceToString(goal("g-1", patient, 1))
                .length();
        int message = FHIR.newJsonParser()
                .encodeResourceToString(message("c-1", patient, 1))
                .length();
        return (goal + message) / 2;
    }

    /** A goal like the pathway's: category, priority, description, a measured target with a due date, a note. */
    static Goal goal(String id, String patient, int i) {
        Goal goal = new Goal();
        goal.setId(id);
        goal.setText(narrative("Walk " + (200 + i % 400) + " metres without assistance by week 6 after surgery."));
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
        goal.setAchievementStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/goal-achievement", "in-progress", "In Progress")));
        goal.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/goal-category", "physiotherapy", "Physiotherapy")));
        goal.setPriority(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/goal-priority", "medium-priority", "Medium Priority")));
        goal.setDescription(new CodeableConcept()
                .setText("Walk " + (200 + i % 400) + " metres without assistance by week 6 after surgery"));
        goal.setSubject(new Reference(patient));
        goal.setStart(new DateType("2027-03-02"));
        goal.addTarget()
                .setMeasure(new CodeableConcept(new Coding("http://loinc.org", "41953-1", "Walking distance")))
                .setDetail(new Quantity()
                        .setValue(200 + i % 400)
                        .setUnit("m")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("m"))
                .setDue(new DateType("2027-04-13"));
        goal.addNote().setText(NOTE);
        return goal;
    }

    /** An education message like the pathway's: notification, sent, a text payload of about 500 characters. */
    static Communication message(String id, String patient, int i) {
        Communication message = new Communication();
        message.setId(id);
        message.setText(narrative("Education message " + i + ": walking and wound care after spinal fusion."));
        message.setStatus(Communication.CommunicationStatus.COMPLETED);
        message.addCategory(new CodeableConcept(new Coding(Deliveries.CATEGORY, "notification", "Notification")));
        message.setSubject(new Reference(patient));
        message.addRecipient(new Reference(patient));
        message.setSentElement(new DateTimeType("2027-03-0" + (1 + i % 9) + "T09:00:00Z"));
        message.addPayload().setContent(new StringType(NOTE + " (" + i + ")"));
        return message;
    }

    private static Narrative narrative(String text) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + text + "</p></div>");
        return narrative;
    }

    private static void addIdentifier(Resource resource, String system, String value) {
        Identifier identifier = new Identifier().setSystem(system).setValue(value);
        if (resource instanceof Goal goal) {
            goal.addIdentifier(identifier);
        } else if (resource instanceof Communication message) {
            message.addIdentifier(identifier);
        }
    }

    /** A completed symptom check of the episode's tailored Questionnaire with these answers. */
    private QuestionnaireResponse symptoms(EpisodeSpec episode, Map<String, Object> answers) {
        return new SymptomChecks(port).symptoms(episode, answers);
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
