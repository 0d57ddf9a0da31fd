package org.spinefusion.careplan.pathway.bench;

import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.ApplyResult;
import org.spinefusion.careplan.pathway.PathwayEngine;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;

/**
 * Engine-only $apply throughput over the varied episodes of {@link EpisodeMatrix}. The baseline, measured in the
 * same run, is encoding one plan's resources as JSON: work every stored plan needs anyway, so the ratio says how
 * much the engine adds on top of it.
 *
 * <p>Run: {@code ./mvnw -q -pl services/pathway-engine -am test-compile && ./bench/engine.sh}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ApplyBenchmark {

    private PathwayEngine engine;
    private List<ApplyRequest> requests;
    private ApplyResult sample;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Engines.engine();
        Instant now = Instant.parse("2026-11-24T15:00:00Z");
        requests = EpisodeMatrix.episodes(LocalDate.of(2026, 11, 24)).stream()
                .map(e -> Engines.request(e, now))
                .toList();
        sample = engine.apply(requests.get(0));
    }

    @State(Scope.Thread)
    public static class Json {
        final IParser parser = Engines.FHIR.newJsonParser();
    }

    @Benchmark
    public ApplyResult apply() {
        ApplyRequest request = requests.get(Math.floorMod(next++, requests.size()));
        return engine.apply(request);
    }

    @Benchmark
    public int baselineEncodeOnePlanAsJson(Json json) {
        int length = 0;
        for (Resource resource : sample.planResources()) {
            length += json.parser.encodeResourceToString(resource).length();
        }
        return length;
    }

    public static void main(String[] args) throws RunnerException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        new Runner(new OptionsBuilder()
                        .include(ApplyBenchmark.class.getSimpleName())
                        .threads(threads)
                        .build())
                .run();
    }
}
