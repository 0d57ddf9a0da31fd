package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestReceipts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The escalation benchmark of docs/benchmarks.md (run with {@code -Descalation.bench=true}): the latency of {@code
 * POST QuestionnaireResponse} for a response that fires a rule, which returns only after the response and its
 * escalation (Communications, Task, Provenance, state, ack-window job) are committed; alone, then while other
 * patients submit 100 non-firing responses per second.
 */
@CarePlanIntegrationTest
@EnabledIfSystemProperty(named = "escalation.bench", matches = "true")
class EscalationLatencyIT {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final int EPISODES = 10;
    static final int WARM_UP = 50;
    static final int SAMPLES = Integer.getInteger("escalation.bench.samples", 300);
    static final int BACKGROUND_PER_SECOND = 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measuresResponseToCommittedEscalation() throws Exception {
        // The service receives the symptom checks on their day: the second after the surgery of 2031-05-04.
        try (TestReceipts.Receipt receipt = TestReceipts.receivedAt(Instant.parse("2031-05-06T12:00:00Z"))) {
            SymptomChecks checks = new SymptomChecks(port);
            TestHttp http = new TestHttp(port);
            List<EpisodeSpec> episodes = new ArrayList<>();
            List<String> firing = new ArrayList<>();
            List<String> quiet = new ArrayList<>();
            for (int i = 0; i < EPISODES; i++) {
                EpisodeSpec episode = checks.newEpisode();
                episodes.add(episode);
                firing.add(json(checks.symptoms(
                        episode, Map.of("temperature-taken", true, "temperature", 38.6, "wound-redness", true))));
                quiet.add(json(checks.symptoms(episode, Map.of("pain-score", 2))));
            }
            measure(http, firing, WARM_UP);
            List<Long> alone = measure(http, firing, SAMPLES);

            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ticker.scheduleAtFixedRate(
                    () -> senders.submit(() -> {
                        try {
                            int n = sent.getAndIncrement();
                            HttpResponse<String> r = http.post(
                                    "QuestionnaireResponse", "application/fhir+json", quiet.get(n % EPISODES));
                            if (r.statusCode() != 201) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }),
                    0,
                    1_000_000 / BACKGROUND_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            Thread.sleep(2000);
            long start = System.nanoTime();
            int sentBefore = sent.get();
            List<Long> loaded = measure(http, firing, SAMPLES);
            double seconds = (System.nanoTime() - start) / 1e9;
            double achieved = (sent.get() - sentBefore) / seconds;
            ticker.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);

            String report = String.format(
                    "alone: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%nunder load (%.0f background responses/s, %d failed):"
                            + " n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                    alone.size(),
                    ms(alone, 50),
                    ms(alone, 99),
                    ms(alone, 100),
                    achieved,
                    failed.get(),
                    loaded.size(),
                    ms(loaded, 50),
                    ms(loaded, 99),
                    ms(loaded, 100));
            System.out.println("ESCALATION BENCH\n" + report);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "escalation-bench.txt"), report);
            assertThat(failed.get()).isZero();
        }
    }

    /** Posts firing responses one after another; closes each escalation afterwards (untimed) so the next fires. */
    private List<Long> measure(TestHttp http, List<String> firing, int samples) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long begin = System.nanoTime();
            HttpResponse<String> response =
                    http.post("QuestionnaireResponse", "application/fhir+json", firing.get(i % EPISODES));
            nanos.add(System.nanoTime() - begin);
            assertThat(response.statusCode()).isEqualTo(201);
            jdbc.sql("update escalation set status = 'acknowledged' where status = 'open'")
                    .update();
        }
        return nanos;
    }

    private static String json(org.hl7.fhir.r4.model.QuestionnaireResponse response) {
        return FHIR.newJsonParser().encodeResourceToString(response);
    }

    private static double ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
