package org.spinefusion.careplan.service.delivery;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger.Revived;
import org.spinefusion.careplan.service.delivery.queue.DeliveryOutbox;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * An EHR that answers again gets what waited out its outage at once, not at each delivery's next backoff: during an
 * outage every attempt doubles a delivery's wait (up to an hour), and a delivery that had failed a few times would
 * otherwise reach the EHR minutes after it is back. The first delivery that lands after failures on this replica brings
 * the backed-off ones forward, a few milliseconds apart so the EHR is not hit by all of them at once.
 */
@Component
class RecoveredEndpoints implements DisposableBean {

    /** How many are brought forward per recovery; the rest keep their backoff (a later recovery brings them). */
    private static final int LIMIT = 2_000;

    private static final long SPREAD_MILLIS = 5;

    private final DeliveryLedger ledger;
    /** Lazily: the scheduler's tasks need the worker, which needs this. */
    private final ObjectProvider<SchedulerClient> scheduler;

    private final DeliveryWakeUps wakeUps;
    private final Clock clock;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-recovery");
        thread.setDaemon(true);
        return thread;
    });

    RecoveredEndpoints(
            DeliveryLedger ledger, ObjectProvider<SchedulerClient> scheduler, DeliveryWakeUps wakeUps, Clock clock) {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.wakeUps = wakeUps;
        this.clock = clock;
    }

    void failed(String endpointId) {
        failing.add(endpointId);
    }

    void delivered(String endpointId) {
        if (failing.remove(endpointId)) {
            worker.execute(() -> bringForward(endpointId));
        }
    }

    private void bringForward(String endpointId) {
        Instant now = clock.instant();
        List<Revived> waiting = ledger.backedOff(endpointId, LIMIT, now);
        for (int i = 0; i < waiting.size(); i++) {
            Revived delivery = waiting.get(i);
            Instant at = now.plusMillis(i * SPREAD_MILLIS);
            try {
                scheduler
                        .getObject()
                        .reschedule(
                                DeliveryOutbox.task(delivery.key(), delivery.escalation(), at)
                                        .getTaskInstance(),
                                at);
            } catch (TaskInstanceException runningOrFinished) {
                // being attempted now, or done: nothing to bring forward
            }
        }
        if (!waiting.isEmpty()) {
            wakeUps.at(now);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
