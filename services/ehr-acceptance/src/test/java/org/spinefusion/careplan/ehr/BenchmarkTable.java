package org.spinefusion.careplan.ehr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link ApplyVersusJpaBenchmark} as Markdown: what ran where, the table of the issue (throughput and
 * latency of both sides per client count, ratio = ours / theirs), and beside it the errors and the machine's load
 * after each run, since the machine may be shared and a loaded one says less.
 */
final class BenchmarkTable {

    /** One side at one client count: the load's result, the CPU its server used, the load average after it. */
    record Side(ClosedLoop.Result result, CpuMeter.Used cpu, double loadAfter) {

        double cpuMillisPerCall() {
            return (cpu.serverMillis() + cpu.databaseMillis()) / result.calls();
        }

        String cpuPerCall() {
            return String.format(
                    Locale.ROOT,
                    "%.0f + %.0f",
                    cpu.serverMillis() / result.calls(),
                    cpu.databaseMillis() / result.calls());
        }
    }

    private record Row(int clients, Side ours, Side theirs) {}

    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final double loadAtStart = loadAverage();
    private final List<Row> rows = new ArrayList<>();

    void add(int clients, Side ours, Side theirs) {
        rows.add(new Row(clients, ours, theirs));
    }

    String render(ApplyVersusJpaBenchmark.Settings settings, String plans) {
        StringBuilder out = new StringBuilder();
        out.append(line(
                "Run %s to %s; %d s per side and client count after %d s of warm-up per side at 8 clients;"
                        + " clients %s; heap %s per server.",
                started,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                settings.level().toSeconds(),
                settings.warmUp().toSeconds(),
                Arrays.toString(settings.clients()),
                settings.heap()));
        out.append(line("%s.", plans));
        out.append(line(
                "Machine: %d cores (%s), %s; Java %s.",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memory(),
                System.getProperty("java.version")));
        out.append('\n');
        out.append("| clients | ours /s | p50 ms | p99 ms | HAPI JPA /s | p50 ms | p99 ms | ratio |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            ClosedLoop.Result ours = row.ours().result();
            ClosedLoop.Result theirs = row.theirs().result();
            out.append(line(
                    "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |",
                    row.clients(),
                    ours.perSecond(),
                    ours.millis(50),
                    ours.millis(99),
                    theirs.perSecond(),
                    theirs.millis(50),
                    theirs.millis(99),
                    ours.perSecond() / theirs.perSecond()));
        }
        out.append('\n');
        out.append(line("Load average (1 min) at the start: %.2f.", loadAtStart));
        out.append('\n');
        out.append("CPU per call in ms: the server's JVM + the PostgreSQL backends of its database.\n\n");
        out.append("| clients | ours: calls, errors | CPU/call | load after | HAPI JPA: calls, errors | CPU/call"
                + " | load after | CPU/call HAPI / ours |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(line(
                    "| %d | %d, %d | %s | %.2f | %d, %d | %s | %.2f | %.2f |",
                    row.clients(),
                    row.ours().result().calls(),
                    row.ours().result().errors(),
                    row.ours().cpuPerCall(),
                    row.ours().loadAfter(),
                    row.theirs().result().calls(),
                    row.theirs().result().errors(),
                    row.theirs().cpuPerCall(),
                    row.theirs().loadAfter(),
                    row.theirs().cpuMillisPerCall() / row.ours().cpuMillisPerCall()));
        }
        return out.toString();
    }

    /** The one-minute load average, or NaN where the system does not tell it. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException unknown) {
            return Double.NaN;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException unknown) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB RAM")
                    .findFirst()
                    .orElse("unknown RAM");
        } catch (IOException unknown) {
            return "unknown RAM";
        }
    }

    private static String line(String format, Object... args) {
        return String.format(Locale.ROOT, format, args) + "\n";
    }
}
