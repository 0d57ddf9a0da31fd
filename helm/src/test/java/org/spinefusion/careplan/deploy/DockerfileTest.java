package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Docker engine runs in the build, so the Dockerfile is checked by reading it. */
class DockerfileTest {

    /** Threads besides Tomcat's workers: management port, db-scheduler, Hikari, JIT, GC, JVM housekeeping. */
    private static final long OTHER_THREADS = 56;

    /** GC card table, symbols, class space, arenas: 23-43 MiB in native memory tracking (docs/benchmarks.md). */
    private static final long UNCAPPED = 64L << 20;

    @Test
    void finalStageRunsAsANumericNonRootUser() throws IOException {
        List<String> finalStage = finalStage();
        String user = finalStage.stream()
                .filter(line -> line.startsWith("USER "))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no USER in the final stage"))
                .substring("USER ".length());

        assertThat(user).matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    }

    @Test
    void buildsTheServiceWithTheMavenWrapperAndRunsItsJar() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.DOCKERFILE);

        assertThat(dockerfile).contains("./mvnw -B -DskipTests").contains("-pl services/careplan-service -am package");
        assertThat(finalStage())
                .anyMatch(line -> line.startsWith("COPY --from=build")
                        && line.contains("services/careplan-service/target/careplan-service.jar"))
                .anyMatch(line ->
                        line.startsWith("ENTRYPOINT") && line.contains("\"-jar\", \"/app/careplan-service.jar\""));
    }

    @Test
    void runsOnAJava17RuntimeImage() throws IOException {
        assertThat(finalStage().get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
    }

    @Test
    void runsFromTheExtractedJarWithTheCdsArchiveOfATrainingRun() throws IOException {
        String stage = String.join("\n", finalStage());
        Matcher archive = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)").matcher(stage);

        assertThat(stage).contains("-Djarmode=tools -jar /tmp/careplan-service.jar extract --destination /app");
        assertThat(archive.find()).as("a CDS training run in the final stage").isTrue();
        assertThat(stage).contains("-Dspring.context.exit=onRefresh");
        // An image build has no database: the training run must not need one.
        assertThat(stage).contains("--spring.flyway.enabled=false").contains("--db-scheduler.polling-strategy=fetch");
        assertThat(entrypoint()).contains("-XX:SharedArchiveFile=" + archive.group(1));
    }

    @Test
    void namesTheCollectorTheTrainingRunUsed() throws IOException {
        String training = String.join("\n", finalStage()).split("-XX:ArchiveClassesAtExit")[1];

        assertThat(entrypoint()).contains("-XX:+UseSerialGC");
        assertThat(training).contains("-XX:+UseSerialGC");
    }

    /**
     * Heap plus every native cap, with every thread stack fully used, fits the chart's default memory limit: a pod
     * then ends with an OutOfMemoryError (and a restart) before the kernel's OOM killer is ever involved.
     */
    @Test
    void heapAndNativeCapsFitTheChartsMemoryLimit() throws IOException {
        Map<String, Object> values = Yamls.load(RepositoryFiles.CHART.resolve("values.yaml"));
        long limit = bytes(String.valueOf(Yamls.at(values, "resources", "limits", "memory")));
        long threads = ((Number) Yamls.at(values, "config", "http", "maxThreads")).longValue() + OTHER_THREADS;
        List<String> flags = entrypoint();

        long heap = limit * Long.parseLong(flag(flags, "-XX:MaxRAMPercentage=")) / 100;
        long budget = heap
                + bytes(flag(flags, "-XX:MaxMetaspaceSize="))
                + bytes(flag(flags, "-XX:ReservedCodeCacheSize="))
                + bytes(flag(flags, "-XX:MaxDirectMemorySize="))
                + threads * bytes(flag(flags, "-Xss"))
                + UNCAPPED;

        assertThat(budget).isLessThanOrEqualTo(limit);
        assertThat(flags).contains("-XX:+ExitOnOutOfMemoryError");
    }

    private static List<String> entrypoint() throws IOException {
        String line = finalStage().stream()
                .filter(candidate -> candidate.startsWith("ENTRYPOINT ["))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no exec-form ENTRYPOINT in the final stage"));
        return Arrays.stream(line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'))
                        .split(","))
                .map(String::strip)
                .map(quoted -> quoted.substring(1, quoted.length() - 1))
                .toList();
    }

    private static String flag(List<String> flags, String prefix) {
        return flags.stream()
                .filter(flag -> flag.startsWith(prefix))
                .map(flag -> flag.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in the ENTRYPOINT"));
    }

    /** 512k, 64m, 1Gi, 768Mi: JVM and Kubernetes binary suffixes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("([0-9]+)([kKmMgG]i?)?").matcher(size);
        if (!matcher.matches()) {
            throw new AssertionError("not a size: " + size);
        }
        long number = Long.parseLong(matcher.group(1));
        String unit =
                matcher.group(2) == null ? "" : matcher.group(2).substring(0, 1).toLowerCase();
        return switch (unit) {
            case "k" -> number << 10;
            case "m" -> number << 20;
            case "g" -> number << 30;
            default -> number;
        };
    }

    private static List<String> finalStage() throws IOException {
        List<String> lines = Files.readAllLines(RepositoryFiles.DOCKERFILE);
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return lines.subList(lastFrom, lines.size());
    }
}
