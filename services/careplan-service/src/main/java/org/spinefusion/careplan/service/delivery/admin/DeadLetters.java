package org.spinefusion.careplan.service.delivery.admin;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.spinefusion.careplan.service.delivery.ledger.DeadLetterFilter;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger.Revived;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.queue.DeliveryOutbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with held deliveries (dead letters and parked ones): page through them, and put them back to
 * pending, one or every one a filter matches. A replay revives the ledger row and schedules its delivery in one
 * transaction, so a delivery is replayed once however often (or concurrently) the replay is asked for.
 */
@Service
class DeadLetters {

    /** Rows revived per transaction by a bulk replay, so a large one neither holds many locks nor one long commit. */
    private static final int REPLAY_CHUNK = 500;

    private final DeliveryLedger ledger;
    private final SchedulerClient scheduler;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeadLetters(DeliveryLedger ledger, SchedulerClient scheduler, TransactionTemplate transaction, Clock clock) {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.clock = clock;
    }

    Page page(DeadLetterFilter filter, int offset, int count) {
        return transaction.execute(status -> new Page(ledger.countHeld(filter), ledger.held(filter, offset, count)));
    }

    /** True when the resource was held at the endpoint and is now pending again. */
    boolean replay(String endpointId, String type, String id) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Instant now = clock.instant();
            return ledger.revive(endpointId, type, id, now)
                    .map(revived -> {
                        schedule(revived, now);
                        return true;
                    })
                    .orElse(false);
        }));
    }

    /** Replays every held delivery the filter matches; how many were replayed by this call. */
    int replayAll(DeadLetterFilter filter) {
        int replayed = 0;
        while (true) {
            List<Revived> revived = transaction.execute(status -> {
                Instant now = clock.instant();
                List<Revived> held = ledger.reviveHeld(filter, REPLAY_CHUNK, now);
                held.forEach(delivery -> schedule(delivery, now));
                return held;
            });
            replayed += revived.size();
            if (revived.size() < REPLAY_CHUNK) {
                return replayed;
            }
        }
    }

    /**
     * A dead letter's execution is gone: schedule it. A parked delivery may still have one waiting for its next retry:
     * bring that forward (unless it is running now, which is as good). An escalation's replay keeps its priority.
     */
    private void schedule(Revived revived, Instant now) {
        SchedulableInstance<Void> task = DeliveryOutbox.task(revived.key(), revived.escalation(), now);
        if (scheduler.scheduleIfNotExists(task)) {
            return;
        }
        try {
            scheduler.reschedule(task.getTaskInstance(), now);
        } catch (TaskInstanceException runningOrJustFinished) {
            // running now, or finished between the two calls: either way it needs nothing more from us
        }
    }

    record Page(long total, List<DeliveryRow> rows) {}
}
