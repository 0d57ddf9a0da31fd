package org.spinefusion.careplan.service.delivery.send;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.springframework.stereotype.Component;

/**
 * A token bucket per endpoint, in this replica. With N replicas an endpoint may see up to N times its rate; set the
 * rate per replica. A cluster-wide bucket in PostgreSQL would cost a row update per request on one hot row, which
 * would cap throughput below what EHRs accept.
 */
@Component
public class RateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a permit, possibly waiting up to {@code maxWait}; otherwise says how long until one is free. */
    public Permit acquire(Endpoint endpoint, Duration maxWait) {
        Double rate = endpoint.settings().ratePerSecond();
        if (rate == null) {
            return new Permit(true, Duration.ZERO);
        }
        Bucket bucket = buckets.compute(
                endpoint.id(),
                (id, existing) -> existing == null || existing.rate != rate ? new Bucket(rate) : existing);
        return bucket.acquire(maxWait);
    }

    public record Permit(boolean granted, Duration delay) {}

    private static final class Bucket {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long refilled = System.nanoTime();

        Bucket(double rate) {
            this.rate = rate;
            this.capacity = Math.max(1, rate);
            this.tokens = capacity;
        }

        public synchronized Permit acquire(Duration maxWait) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilled) / 1e9 * rate);
            refilled = now;
            Duration wait = Duration.ofNanos((long) (Math.max(0, 1 - tokens) / rate * 1e9));
            if (wait.compareTo(maxWait) > 0) {
                return new Permit(false, wait);
            }
            tokens -= 1;
            return new Permit(true, wait);
        }
    }
}
