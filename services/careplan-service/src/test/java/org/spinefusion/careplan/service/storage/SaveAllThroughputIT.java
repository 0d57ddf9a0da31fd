package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.goal;
import static org.spinefusion.careplan.service.support.Fixtures.plannedCommunication;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A rough timing of the hot path: one apply writes about 40 resources in one saveAll. */
@CarePlanIntegrationTest
class SaveAllThroughputIT {

    private static final int RESOURCES_PER_APPLY = 40;
    private static final int WARM_UP = 150;
    private static final int MEASURED = 150;
    private static final int THREADS = 4;

    @Autowired
    ResourceRepository repository;

    @Test
    void savesAnApplySizedBatchWithinAFewMilliseconds() throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            repository.saveAll(episode());
        }
        long newStart = System.nanoTime();
        List<List<Resource>> saved = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            List<Resource> batch = episode();
            repository.saveAll(batch);
            saved.add(batch);
        }
        double newMs = (System.nanoTime() - newStart) / 1e6 / MEASURED;

        long unchangedStart = System.nanoTime();
        for (List<Resource> batch : saved) {
            repository.saveAll(batch);
        }
        double unchangedMs = (System.nanoTime() - unchangedStart) / 1e6 / MEASURED;

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long concurrentStart = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < MEASURED; i++) {
                running.add(pool.submit(() -> repository.saveAll(episode())));
            }
            for (Future<?> next : running) {
                next.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double concurrentPerSecond = MEASURED / ((System.nanoTime() - concurrentStart) / 1e9);

        System.out.printf(
                "saveAll of %d resources: %.2f ms new, %.2f ms unchanged; %.0f new batches/s on %d threads%n",
                RESOURCES_PER_APPLY, newMs, unchangedMs, concurrentPerSecond, THREADS);
        assertThat(newMs).isLessThan(100);
        assertThat(unchangedMs).isLessThan(newMs * 2);
    }

    private static List<Resource> episode() {
        String patient = "Patient/" + unique("p");
        List<Resource> batch = new ArrayList<>();
        var plan = carePlan(unique("cp"), patient);
        for (int i = 0; i < 8; i++) {
            var goal = goal(unique("goal"), patient, "2026-06-01");
            plan.addGoal(new Reference("Goal/" + goal.getIdPart()));
            batch.add(goal);
        }
        for (int i = 0; i < 25; i++) {
            plan.addActivity()
                    .getDetail()
                    .setDescription("Activity " + i + " with a patient-friendly text of some length");
        }
        batch.add(plan);
        while (batch.size() < RESOURCES_PER_APPLY) {
            batch.add(plannedCommunication(unique("comm"), patient, "2026-03-01T09:00:00+01:00"));
        }
        return batch;
    }
}
