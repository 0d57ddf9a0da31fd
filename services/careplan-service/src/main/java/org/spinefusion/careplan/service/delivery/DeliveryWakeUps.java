package org.spinefusion.careplan.service.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A delivery rescheduled to run sooner than the scheduler's next poll (a plan whose Goal another thread was still
 * sending, a short Retry-After) wakes the scheduler at that time: with the shipped 2 s polling it would otherwise wait
 * for the poll, and a plan's messages behind it too.
 */
@Component
class DeliveryWakeUps implements DisposableBean {

    /** After the due time, so the rescheduled execution is due when the scheduler looks. */
    private static final long MARGIN_MILLIS = 5;

    private final ObjectProvider<Scheduler> scheduler;
    private final Duration pollingInterval;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-wake-up");
        thread.setDaemon(true);
        return thread;
    });

    DeliveryWakeUps(ObjectProvider<Scheduler> scheduler, DbSchedulerProperties schedulerProperties, Clock clock) {
        this.scheduler = scheduler;
        this.pollingInterval = schedulerProperties.getPollingInterval();
        this.clock = clock;
    }

    void at(Instant due) {
        long millis = Duration.between(clock.instant(), due).toMillis();
        if (millis >= pollingInterval.toMillis()) {
            return;
        }
        timer.schedule(
                () -> scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions),
                Math.max(0, millis) + MARGIN_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
