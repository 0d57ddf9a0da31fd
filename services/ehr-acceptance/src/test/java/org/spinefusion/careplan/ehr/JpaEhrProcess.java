package org.spinefusion.careplan.ehr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts {@link StandaloneJpaEhr} in a JVM of its own, on this JVM's class path, and waits until it serves. Its log
 * goes to {@code target/jpa-ehr/<name>.log}.
 */
final class JpaEhrProcess implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private JpaEhrProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static JpaEhrProcess start(AcceptanceDatabase.Connection database, String name, List<String> jvmOptions)
            throws Exception {
        Path work = Files.createDirectories(Path.of("target", "jpa-ehr"));
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneJpaEhr.class.getName(),
                database.url(),
                database.user(),
                database.password()));
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        // Creating HAPI's schema on an empty database takes most of a minute; on a loaded machine several.
        String baseUrl;
        try {
            baseUrl = readyLine(process).get(10, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The HAPI FHIR JPA server did not start in 10 minutes; see " + log);
        }
        if (baseUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("The HAPI FHIR JPA server stopped while starting; see " + log);
        }
        return new JpaEhrProcess(process, baseUrl);
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Closing its standard input asks the server to stop; after 30 s it is killed. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static CompletableFuture<String> readyLine(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(StandaloneJpaEhr.READY)) {
                        return line.substring(StandaloneJpaEhr.READY.length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
    }
}
