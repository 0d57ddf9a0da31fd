package org.spinefusion.careplan.service.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.stereotype.Component;

/**
 * Whether this replica's escalation lane has work. While it has, routine sends hold back (for a bounded time), so the
 * EHR's capacity goes to the alert and what it cites rather than being shared with a backlog. Read from the lane's
 * own queue and threads, so nothing has to be counted in and out.
 */
@Component
class UrgentTraffic {

    private static final long LOOK_AGAIN_MILLIS = 5;

    private volatile ThreadPoolExecutor lane;

    void watch(ThreadPoolExecutor lane) {
        this.lane = lane;
    }

    boolean busy() {
        ThreadPoolExecutor watched = lane;
        return watched != null
                && (watched.getActiveCount() > 0 || !watched.getQueue().isEmpty());
    }

    /** Returns once the lane is idle, or after {@code longest}. */
    void awaitQuiet(Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        while (busy() && System.nanoTime() < deadline) {
            Thread.sleep(LOOK_AGAIN_MILLIS);
        }
    }
}
