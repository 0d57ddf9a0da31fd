package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * HTTP {@code $apply} with persistence beside a stock HAPI FHIR JPA server storing the same plans: the care plan
 * service from its built jar and {@link StandaloneJpaEhr}, each in its own JVM with the same heap, each on its own
 * PostgreSQL database. Every call is a new episode on both sides: ours is {@code POST
 * /PlanDefinition/spinal-fusion-pathway/$apply} of the next episode of {@link EpisodeMatrix} under new identifiers
 * (as ApplyLoadDriver sends it); theirs is that episode's real {@code $apply} output, read back from the service once,
 * POSTed as one transaction ({@link PlanTransaction}) with a new patient and new identifiers. At each client count the
 * two run one after the other, never at once. A measurement: it asserts nothing about time.
 *
 * <p>Run by bench/apply-vs-jpa.sh, which makes the databases; arguments there.
 */
final class ApplyVersusJpaBenchmark {

    private static final String PATHWAY_APPLY = "/PlanDefinition/spinal-fusion-pathway/$apply";
    private static final String FHIR_JSON = "application/fhir+json";

    private final Settings settings;
    private final FhirContext fhir = FhirContext.forR4Cached();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final List<EpisodeSpec> matrix = EpisodeMatrix.episodes(LocalDate.now());
    private final ClosedLoop ours = new ClosedLoop();
    private final ClosedLoop theirs = new ClosedLoop();
    private final List<PlanTransaction> transactions = new ArrayList<>();

    private ApplyVersusJpaBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        try {
            new ApplyVersusJpaBenchmark(Settings.parse(args)).measure();
        } catch (Exception e) {
            e.printStackTrace();
            log("failed; the servers' logs are in target/careplan-service/ and target/jpa-ehr/");
            System.exit(1);
        }
        // Exits with the client threads HttpClient may still hold, and runs the hooks that stop both servers.
        System.exit(0);
    }

    private void measure() throws Exception {
        log("starting the care plan service and the HAPI FHIR JPA server (%s heap each)", settings.heap());
        List<String> jvm = List.of("-Xmx" + settings.heap());
        CompletableFuture<JpaEhrProcess> startingEhr = CompletableFuture.supplyAsync(() -> {
            try {
                return JpaEhrProcess.start(settings.ehrDatabase(), "apply-vs-jpa", jvm);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CareplanService service = CareplanService.startAsShipped(settings.serviceDatabase(), "apply-vs-jpa", jvm);
        try (JpaEhrProcess ehr = startingEhr.join()) {
            try {
                measure(service, ehr);
            } finally {
                service.stop();
            }
        }
    }

    private void measure(CareplanService service, JpaEhrProcess ehr) throws Exception {
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient serviceClient = service.client(fhir);
        IGenericClient ehrClient = fhir.newRestfulGenericClient(ehr.baseUrl());
        preparePlans(serviceClient, ehrClient);
        String authorization = "Bearer " + service.token();
        Requests requests = new Requests(service.baseUrl(), authorization, ehr.baseUrl());

        log("warming up for %d s each at 8 clients", settings.warmUp().toSeconds());
        report("warm-up, ours", ours.run(8, settings.warmUp(), requests::apply));
        report("warm-up, HAPI JPA", theirs.run(8, settings.warmUp(), requests::transaction));

        CpuMeter ourCpu = new CpuMeter(service.pid(), settings.serviceDatabase());
        CpuMeter theirCpu = new CpuMeter(ehr.pid(), settings.ehrDatabase());
        BenchmarkTable table = new BenchmarkTable();
        for (int clients : settings.clients()) {
            log("%d clients, %d s each", clients, settings.level().toSeconds());
            BenchmarkTable.Side apply = measured("ours", ours, ourCpu, clients, requests::apply);
            BenchmarkTable.Side transaction = measured("HAPI JPA", theirs, theirCpu, clients, requests::transaction);
            table.add(clients, apply, transaction);
        }
        String text = table.render(settings, describePlans());
        System.out.print(text);
        Files.createDirectories(settings.out().toAbsolutePath().getParent());
        Files.writeString(settings.out(), text);
        log("written to %s", settings.out().toAbsolutePath());
    }

    /**
     * One real {@code $apply} per episode of the matrix, read back and turned into its transaction; the definitions
     * the plans name copied to the JPA server; then one transaction stored there and checked entry by entry, so a
     * Bundle the server would not take is found before anything is timed.
     */
    private void preparePlans(IGenericClient service, IGenericClient ehr) {
        PlanReadBack readBack = new PlanReadBack(service);
        Set<String> definitions = new TreeSet<>();
        for (int i = 0; i < matrix.size(); i++) {
            String token = "tx" + run + "t" + i;
            EpisodeSpec episode = renamed(matrix.get(i), token + "-e", token + "-p");
            CarePlan plan = service.operation()
                    .onInstance("PlanDefinition/spinal-fusion-pathway")
                    .named("$apply")
                    .withParameters(applyParameters(episode))
                    .returnResourceType(CarePlan.class)
                    .execute();
            List<Resource> resources = readBack.resourcesOf(plan);
            PlanTransaction transaction =
                    PlanTransaction.of(fhir, resources, episode.patientId(), EhrDeliveryIT.MRN, token);
            transactions.add(transaction);
            definitions.addAll(transaction.definitionReferences());
        }
        log("copying %d definitions to the HAPI FHIR JPA server", definitions.size());
        DefinitionCopy.copy(service, ehr, definitions);
        for (int i = 0; i < transactions.size(); i++) {
            String response = ehr.transaction()
                    .withBundle(transactions.get(i).forCall(0))
                    .encodedJson()
                    .execute();
            Bundle stored = fhir.newJsonParser().parseResource(Bundle.class, response);
            long created = stored.getEntry().stream()
                    .filter(e -> e.getResponse().getStatus().startsWith("201"))
                    .count();
            if (created != transactions.get(i).entries()) {
                throw new IllegalStateException("the JPA server created " + created + " of "
                        + transactions.get(i).entries() + " entries of plan " + i);
            }
        }
    }

    private String describePlans() {
        int entries = transactions.stream().mapToInt(PlanTransaction::entries).sum();
        double kilobytes = transactions.stream().mapToInt(PlanTransaction::length).average().orElse(0) / 1024;
        double applyKilobytes = matrix.stream()
                        .mapToInt(e -> fhir.newJsonParser()
                                .encodeResourceToString(applyParameters(renamed(e, run + "-e", run + "-p")))
                                .length())
                        .average()
                        .orElse(0)
                / 1024;
        return String.format(
                Locale.ROOT,
                "%d episodes of the matrix in turn; a plan has %.1f resources on average; a transaction %.1f entries"
                        + " with its Patient and %.0f KB of JSON; an $apply request %.1f KB",
                transactions.size(),
                (entries - transactions.size()) / (double) transactions.size(),
                entries / (double) transactions.size(),
                kilobytes,
                applyKilobytes);
    }

    /** The next call of each side: a new episode each. */
    private final class Requests {
        private final String apply;
        private final String authorization;
        private final String jpaBase;

        Requests(String serviceBase, String authorization, String jpaBase) {
            this.apply = serviceBase + PATHWAY_APPLY;
            this.authorization = authorization;
            this.jpaBase = jpaBase;
        }

        HttpRequest apply(long n) {
            String token = "ap" + run + "n" + n;
            EpisodeSpec episode = renamed(matrix.get((int) (n % matrix.size())), token + "-e", token + "-p");
            String body = fhir.newJsonParser().encodeResourceToString(applyParameters(episode));
            return HttpRequest.newBuilder(URI.create(apply))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", authorization)
                    .header("Content-Type", FHIR_JSON)
                    .header("Accept", FHIR_JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        HttpRequest transaction(long n) {
            String body = transactions.get((int) (n % transactions.size())).forCall(n);
            return HttpRequest.newBuilder(URI.create(jpaBase))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", FHIR_JSON)
                    .header("Accept", FHIR_JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
    }

    private static Parameters applyParameters(EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType("Patient/" + episode.patientId()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return parameters;
    }

    private static EpisodeSpec renamed(EpisodeSpec template, String episodeId, String patientId) {
        return new EpisodeSpec(
                template.name(),
                episodeId,
                patientId,
                template.surgeryDate(),
                template.procedureCode(),
                template.region(),
                template.levels(),
                template.details(),
                template.status());
    }

    private BenchmarkTable.Side measured(
            String what, ClosedLoop load, CpuMeter cpu, int clients, LongFunction<HttpRequest> requests)
            throws Exception {
        CpuMeter.Reading before = cpu.read();
        ClosedLoop.Result result = load.run(clients, settings.level(), requests);
        CpuMeter.Used used = CpuMeter.between(before, cpu.read());
        report(what, result);
        return new BenchmarkTable.Side(result, used, BenchmarkTable.loadAverage());
    }

    private static void report(String what, ClosedLoop.Result result) {
        log(
                "%s: %d calls in %.1f s = %.1f/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                what,
                result.calls(),
                result.seconds(),
                result.perSecond(),
                result.millis(50),
                result.millis(99),
                result.errors(),
                result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
    }

    private static void log(String format, Object... args) {
        System.err.printf("%s %s%n", Instant.now(), String.format(format, args));
    }

    record Settings(
            AcceptanceDatabase.Connection serviceDatabase,
            AcceptanceDatabase.Connection ehrDatabase,
            Duration level,
            Duration warmUp,
            int[] clients,
            String heap,
            Path out) {

        /**
         * {@code <service jdbc url> <JPA server jdbc url> <seconds per level> <warm-up seconds> <heap> <out file>
         * <clients...>}; the database user and password from {@code BENCH_DB_USER} (default postgres) and {@code
         * BENCH_DB_PASSWORD}.
         */
        static Settings parse(String[] args) {
            if (args.length < 7) {
                throw new IllegalArgumentException("usage: ApplyVersusJpaBenchmark <service jdbc url>"
                        + " <JPA server jdbc url> <seconds per level> <warm-up seconds> <heap> <out file>"
                        + " <clients...>");
            }
            String user = System.getenv().getOrDefault("BENCH_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "");
            int[] clients = new int[args.length - 6];
            for (int i = 6; i < args.length; i++) {
                clients[i - 6] = Integer.parseInt(args[i]);
            }
            return new Settings(
                    new AcceptanceDatabase.Connection(args[0], user, password),
                    new AcceptanceDatabase.Connection(args[1], user, password),
                    Duration.ofSeconds(Long.parseLong(args[2])),
                    Duration.ofSeconds(Long.parseLong(args[3])),
                    clients,
                    args[4],
                    Path.of(args[5]));
        }
    }
}
