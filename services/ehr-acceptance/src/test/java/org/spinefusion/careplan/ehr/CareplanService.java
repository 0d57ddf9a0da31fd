package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The care plan service as it ships: its built jar in its own JVM, with its shipped settings (db-scheduler polling,
 * heartbeats, delivery timeouts), on a fresh database, in local-dev security mode so the test can read a real token
 * the service signed. Started once per test JVM ({@link #shared()}); fault runs start their own instances on a
 * database of their own ({@link #start}), several on one database as replicas, and kill them.
 */
final class CareplanService {

    private static final List<String> TEST_HEAP = List.of("-Xmx512m");

    private final Process process;
    private final int port;
    private final String token;
    final AcceptanceDatabase.Connection database;

    final String name;

    private CareplanService(
            AcceptanceDatabase.Connection database, String name, List<String> jvmOptions, List<String> settings)
            throws Exception {
        this.name = name;
        this.database = database;
        Path jar = Path.of(System.getProperty("careplan.service.jar", "../careplan-service/target/careplan-service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No service jar at " + jar.toAbsolutePath() + ": build careplan-service");
        }
        port = freePort();
        Path work = Files.createDirectories(Path.of("target", "careplan-service"));
        Path tokenFile = work.resolve(name + ".token");
        Files.deleteIfExists(tokenFile);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--management.server.port=" + freePort(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--careplan.base-url=http://localhost:" + port + "/fhir",
                "--careplan.security.mode=local-dev",
                "--careplan.security.local-dev-token-file=" + tokenFile.toAbsolutePath(),
                "--logging.structured.format.console=",
                // Replicas are told apart by name, as pods are by their host names; the default is the host name.
                "--db-scheduler.scheduler-name=" + name));
        command.addAll(settings);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        // Also when the test JVM ends while this instance is still starting.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Instant end = Instant.now().plus(Duration.ofMinutes(5));
        while (!ready()) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                process.destroyForcibly();
                throw new IllegalStateException("The service did not start; see " + work.resolve(name + ".log"));
            }
            Thread.sleep(250);
        }
        token = Files.readString(tokenFile).trim();
    }

    static CareplanService shared() {
        return Holder.SERVICE;
    }

    /**
     * A further instance, named {@code name} (its log: {@code target/careplan-service/<name>.log}).
     * Its connection pool is smaller than shipped (6, not 16): several instances and the EHR share one PostgreSQL
     * with other test runs, and a delivery holds no connection while it waits for the EHR.
     */
    static CareplanService start(AcceptanceDatabase.Connection database, String name) {
        try {
            return new CareplanService(
                    database, name, TEST_HEAP, List.of("--spring.datasource.hikari.maximum-pool-size=6"));
        } catch (Exception e) {
            throw new IllegalStateException("The care plan service " + name + " did not start", e);
        }
    }

    /**
     * An instance with every shipped setting (connection pool included) and the given JVM options, for a benchmark
     * that measures the service as it ships. Stop it with {@link #stop()}.
     */
    static CareplanService startAsShipped(AcceptanceDatabase.Connection database, String name, List<String> jvmOptions) {
        try {
            return new CareplanService(database, name, jvmOptions, List.of());
        } catch (Exception e) {
            throw new IllegalStateException("The care plan service " + name + " did not start", e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful end of running jobs, leases and picks left as they were. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** An orderly stop (SIGTERM), as a deployment rolls a replica. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    long pid() {
        return process.pid();
    }

    /** The signed local-dev token, with every system scope: for clients that are not HAPI's. */
    String token() {
        return token;
    }

    IGenericClient client(FhirContext fhir) {
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    private boolean ready() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create("http://localhost:" + port + "/readyz").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class Holder {
        static final CareplanService SERVICE = start();

        private static CareplanService start() {
            try {
                // careplan.service.jvm-options: e.g. a flight recording of a benchmark run, space-separated.
                List<String> options = new ArrayList<>(TEST_HEAP);
                String extra = System.getProperty("careplan.service.jvm-options", "").trim();
                if (!extra.isEmpty()) {
                    options.addAll(List.of(extra.split("\\s+")));
                }
                CareplanService service =
                        new CareplanService(AcceptanceDatabase.fresh("service"), "service", options, List.of());
                Runtime.getRuntime().addShutdownHook(new Thread(service.process::destroy));
                return service;
            } catch (Exception e) {
                throw new IllegalStateException("The care plan service did not start", e);
            }
        }
    }
}
