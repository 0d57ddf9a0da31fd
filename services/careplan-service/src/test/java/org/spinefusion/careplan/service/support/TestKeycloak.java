package org.spinefusion.careplan.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution (unpacked by the build into {@code target/keycloak}), started at most
 * once per JVM with the shipped realm ({@code deploy/keycloak/careplan-realm.json}) imported into a fresh store, on
 * free ports, and stopped when the JVM exits. The realm's patient-context script mapper needs the {@code scripts}
 * feature and its provider jar ({@code deploy/keycloak-providers/patient-context}, packed here), as compose's image
 * has. Keycloak needs Java 21+: the JDK is {@code careplan.test.keycloak.java-home} if it has one, else the first such
 * JDK under {@code /usr/lib/jvm}.
 */
public final class TestKeycloak {

    public static final String REALM = "careplan";
    /** The audience the shipped realm puts into every access token (its audience mapper). */
    public static final String AUDIENCE = "http://localhost:8080/fhir";

    public static final String BACKEND_CLIENT = "careplan-backend";
    public static final String BACKEND_SECRET = "careplan-backend-secret";
    public static final String APP_CLIENT = "careplan-app";
    /** The realm's patient user and the FHIR Patient id its tokens carry. */
    public static final String PATIENT_USER = "patient";

    public static final String PATIENT_ID = "example";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int START_ATTEMPTS = 3;

    private TestKeycloak() {}

    /** {@code http://127.0.0.1:<port>/realms/careplan}, exactly as in the tokens' {@code iss}. */
    public static String issuer() {
        return Server.INSTANCE.base + "/realms/" + REALM;
    }

    public static String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public static String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    /** How long the one start took, for the record. */
    public static Duration startTime() {
        return Server.INSTANCE.startTime;
    }

    private static final class Server {
        static final Server INSTANCE = new Server();

        final String base;
        final Duration startTime;

        private Server() {
            Path home = Path.of(required("careplan.test.keycloak.home"));
            Path realm = Path.of(required("careplan.test.keycloak.realm"));
            Path patientContext = Path.of(required("careplan.test.keycloak.patient-context"));
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw new IllegalStateException("No Keycloak at " + home + ": run the build's pre-integration-test"
                        + " phase (./mvnw verify), which unpacks it");
            }
            long started = System.nanoTime();
            base = startWithRetries(home, realm, patientContext);
            startTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(
                    "Keycloak ready at %s in %d s (log: %s)%n",
                    base, startTime.toSeconds(), home.resolve("test-run.log"));
        }

        /**
         * A free port found now may be taken by another process before Keycloak binds it, and one slow start on a
         * busy machine should not fail every test that needs tokens: a failed start is retried on new ports. What
         * the last attempt logged goes into the failure, so a CI log says why.
         */
        private static String startWithRetries(Path home, Path realm, Path patientContext) {
            RuntimeException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(home, realm, patientContext);
                } catch (RuntimeException failed) {
                    System.out.printf("Keycloak start %d of %d failed: %s%n", attempt, START_ATTEMPTS, failed);
                    last = failed;
                }
            }
            throw last;
        }

        private static String startOnce(Path home, Path realm, Path patientContext) {
            int port = freePort();
            int management = freePort();
            try {
                freshStore(home, realm);
                ScriptProviderJar.writeIfChanged(
                        patientContext, home.resolve("providers/careplan-patient-context.jar"));
                Process process = start(home, port, management);
                try {
                    awaitReady(process, management, home.resolve("test-run.log"));
                } catch (RuntimeException notReady) {
                    stop(process);
                    throw notReady;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
                return "http://127.0.0.1:" + port;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start Keycloak", e);
            }
        }

        /** The realm as shipped, into an empty store: nothing an earlier run left can make a test pass. */
        private static void freshStore(Path home, Path realm) throws IOException {
            Path data = home.resolve("data");
            if (Files.exists(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            Path imports = Files.createDirectories(data.resolve("import"));
            Files.copy(realm, imports.resolve("careplan-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }

        private static Process start(Path home, int port, int management) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--import-realm",
                    // The realm's patient-context mapper is a script mapper (deploy/keycloak-providers).
                    "--features=scripts",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + management,
                    "--health-enabled=true",
                    "--hostname=http://127.0.0.1:" + port,
                    "--log-level=warn"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("test-run.log").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("JAVA_HOME", javaHome().toString());
            // A small heap: the machine is shared with the service under test and the browser.
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // What Keycloak's own threads need on Java 24+; without it they log an IllegalAccessError.
            environment.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            environment.remove("KC_BOOTSTRAP_ADMIN_USERNAME");
            environment.remove("KC_BOOTSTRAP_ADMIN_PASSWORD");
            return builder.start();
        }

        private static void awaitReady(Process process, int management, Path log) throws IOException {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            URI ready = URI.create("http://127.0.0.1:" + management + "/health/ready");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(log));
                }
                try {
                    if (isReady(http, ready)) {
                        return;
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
                }
            }
            throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail(log));
        }

        private static boolean isReady(HttpClient http, URI ready) throws InterruptedException {
            try {
                return http.send(
                                        HttpRequest.newBuilder(ready)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            }
        }

        private static void stop(Process process) {
            // kc.sh runs Keycloak's JVM as its child.
            List<ProcessHandle> running = new ArrayList<>(process.descendants().toList());
            running.add(process.toHandle());
            running.forEach(ProcessHandle::destroy);
            // A retry deletes the store this one holds open: let it go first.
            running.forEach(handle -> {
                try {
                    handle.onExit().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException stillRunning) {
                    handle.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    handle.destroyForcibly();
                }
            });
        }

        private static Path javaHome() {
            Optional<Path> configured = Optional.ofNullable(System.getProperty("careplan.test.keycloak.java-home"))
                    .map(Path::of)
                    .filter(Server::isJava21OrLater);
            if (configured.isPresent()) {
                return configured.get();
            }
            if (Runtime.version().feature() >= 21) {
                return Path.of(System.getProperty("java.home"));
            }
            try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
                return jdks.filter(Server::isJava21OrLater)
                        .sorted()
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21 or later; none found:"
                                + " set careplan.test.keycloak.java-home"));
            } catch (IOException e) {
                throw new IllegalStateException("Keycloak needs Java 21 or later; none found", e);
            }
        }

        private static boolean isJava21OrLater(Path jdk) {
            Path release = jdk.resolve("release");
            if (!Files.isExecutable(jdk.resolve("bin/java")) || !Files.isReadable(release)) {
                return false;
            }
            try {
                return Files.readAllLines(release).stream()
                        .filter(line -> line.startsWith("JAVA_VERSION="))
                        .map(line -> line.replaceAll("[^0-9.]", "").split("\\.")[0])
                        .anyMatch(major -> !major.isEmpty() && Integer.parseInt(major) >= 21);
            } catch (IOException e) {
                return false;
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log at " + log + ")";
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String required(String property) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(property + " is not set: run the ITs through Maven (./mvnw verify)");
            }
            return value;
        }
    }
}
