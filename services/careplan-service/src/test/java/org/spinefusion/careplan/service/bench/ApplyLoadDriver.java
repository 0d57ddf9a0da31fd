package org.spinefusion.careplan.service.bench;

import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * Load driver for HTTP {@code $apply} with persistence: closed-loop clients, each sending a new episode (so every
 * call writes a whole plan), at several concurrency levels. The baseline, measured in the same run at the same
 * concurrency, is reading one stored CarePlan: the cheapest round trip through the same server and database.
 *
 * <p>Usage: {@code ApplyLoadDriver <fhir base> <seconds per level> <clients...>}, see bench/http-apply.sh. The
 * bearer token comes from {@code CAREPLAN_BENCH_TOKEN} (for example the one a {@code local-dev} service prints at
 * start-up, see docs/security.md). With {@code CAREPLAN_BENCH_SERVICE_PID} set to the service's process id, each row
 * also gives the CPU time the service spent per request: on a shared machine that moves far less with the load of
 * other work than throughput does.
 */
public final class ApplyLoadDriver {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String authorization = bearer(System.getenv("CAREPLAN_BENCH_TOKEN"));
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<EpisodeSpec> matrix = EpisodeMatrix.episodes(LocalDate.now());
    private final Optional<ProcessHandle> service = Optional.ofNullable(System.getenv("CAREPLAN_BENCH_SERVICE_PID"))
            .filter(pid -> !pid.isBlank())
            .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())));

    private ApplyLoadDriver(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080/fhir";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] levels = args.length > 2
                ? Arrays.stream(args, 2, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {1, 8, 32};
        ApplyLoadDriver driver = new ApplyLoadDriver(base);
        String carePlanId = driver.warmUp();
        System.out.println("| clients | workload | requests/s | p50 ms | p99 ms | errors | service CPU ms/request |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int clients : levels) {
            Result apply = driver.run(clients, seconds, i -> driver.applyRequest());
            Result read = driver.run(clients, seconds, i -> driver.readRequest(carePlanId));
            System.out.println(apply.row(clients, "$apply (new episode each call)"));
            System.out.println(read.row(clients, "baseline: read one CarePlan"));
            System.out.printf(
                    "| %d | ratio $apply / read | %.2f | | | | |%n", clients, apply.throughput() / read.throughput());
        }
    }

    private String warmUp() throws Exception {
        String id = null;
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> response = http.send(applyRequest(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "warm-up $apply failed: " + response.statusCode() + " " + response.body());
            }
            id = Engines.FHIR
                    .newJsonParser()
                    .parseResource(response.body())
                    .getIdElement()
                    .getIdPart();
        }
        return id;
    }

    private HttpRequest applyRequest() {
        int n = sequence.incrementAndGet();
        EpisodeSpec template = matrix.get(n % matrix.size());
        EpisodeSpec episode = new EpisodeSpec(
                template.name(),
                "load-" + runId + "-" + n,
                "load-" + runId + "-" + n,
                template.surgeryDate(),
                template.procedureCode(),
                template.region(),
                template.levels(),
                template.details(),
                template.status());
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType("Patient/" + episode.patientId()));
        parameters.addParameter().setName("data").setResource(episode.data());
        IParser json = Engines.FHIR.newJsonParser();
        return HttpRequest.newBuilder(URI.create(base + "/PlanDefinition/spinal-fusion-pathway/$apply"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json.encodeResourceToString(parameters)))
                .build();
    }

    private HttpRequest readRequest(String carePlanId) {
        return HttpRequest.newBuilder(URI.create(base + "/CarePlan/" + carePlanId))
                .header("Authorization", authorization)
                .header("Accept", "application/fhir+json")
                .GET()
                .build();
    }

    private static String bearer(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(
                    "Set CAREPLAN_BENCH_TOKEN to a token with system/*.cruds (docs/security.md)");
        }
        return "Bearer " + token.trim();
    }

    private Result run(int clients, int seconds, IntFunction<HttpRequest> requests) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        Duration cpuBefore = serviceCpu();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.apply(count);
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    long elapsed = System.nanoTime() - t0;
                    if (response.statusCode() >= 300) {
                        errors.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = elapsed;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double wall = (System.nanoTime() - started) / 1e9;
        Duration cpu = serviceCpu().minus(cpuBefore);
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged, wall, errors.get(), service.isPresent() ? cpu : null);
    }

    /** The service's CPU time so far (zero when no pid is given or the OS does not tell). */
    private Duration serviceCpu() {
        return service.flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private record Result(long[] sortedNanos, double seconds, long errors, Duration serviceCpu) {

        double throughput() {
            return sortedNanos.length / seconds;
        }

        double percentileMillis(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        String row(int clients, String workload) {
            String cpu = serviceCpu == null || sortedNanos.length == 0
                    ? ""
                    : String.format("%.1f", serviceCpu.toNanos() / 1e6 / sortedNanos.length);
            return String.format(
                    "| %d | %s | %.0f | %.1f | %.1f | %d | %s |",
                    clients, workload, throughput(), percentileMillis(0.50), percentileMillis(0.99), errors, cpu);
        }
    }
}
