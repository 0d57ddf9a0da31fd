package org.spinefusion.careplan.service.apply;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.spinefusion.careplan.pathway.InvalidEpisodeException;
import org.springframework.stereotype.Component;

/** Times every {@code $apply} ({@code careplan_apply_seconds}), tagged with whether it was stored or refused. */
@Component
class ApplyMetrics {

    private final MeterRegistry registry;

    ApplyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T timed(Supplier<T> apply) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            T result = apply.get();
            outcome = "stored";
            return result;
        } catch (InvalidEpisodeException e) {
            outcome = "refused";
            throw e;
        } finally {
            sample.stop(Timer.builder("careplan.apply")
                    .description("PlanDefinition/$apply calls, from request to commit")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
