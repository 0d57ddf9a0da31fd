package org.spinefusion.careplan.service.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.springframework.stereotype.Component;

/**
 * Delivery metrics: pending deliveries that are due, the age of the oldest, dead letters (gauges over the shared
 * table, so every replica reports the cluster's backlog; read at most every few seconds), and per-replica counters of
 * deliveries, failures and new dead letters.
 */
@Component
class DeliveryMetrics {

    private static final Duration BACKLOG_LIFETIME = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final Counter deadLettered;
    private volatile DeliveryLedger.Backlog backlog;
    private volatile Instant backlogRead = Instant.MIN;

    DeliveryMetrics(MeterRegistry registry, DeliveryLedger ledger, Clock clock) {
        this.registry = registry;
        this.ledger = ledger;
        this.clock = clock;
        this.deadLettered = Counter.builder("careplan.delivery.dead.lettered")
                .description("deliveries moved to the dead-letter state")
                .register(registry);
        Gauge.builder("careplan.delivery.pending", this, m -> m.backlog().pending())
                .description("deliveries due and not yet done")
                .register(registry);
        Gauge.builder("careplan.delivery.oldest.pending.age", this, DeliveryMetrics::oldestPendingSeconds)
                .baseUnit("seconds")
                .description("how long the oldest due delivery has waited")
                .register(registry);
        Gauge.builder("careplan.delivery.dead.letters", this, m -> m.backlog().dead())
                .description("deliveries in the dead-letter state")
                .register(registry);
    }

    void delivered(String type) {
        registry.counter("careplan.delivery.delivered", "type", type).increment();
    }

    /** One FHIR transaction the EHR took, and how many resources it carried. */
    void transaction(int entries) {
        registry.summary("careplan.delivery.transaction.entries").record(entries);
    }

    void failed(String reason) {
        registry.counter("careplan.delivery.failures", "reason", reason).increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    private double oldestPendingSeconds() {
        Instant oldest = backlog().oldestDue();
        return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
    }

    private DeliveryLedger.Backlog backlog() {
        Instant now = clock.instant();
        if (backlog == null || backlogRead.plus(BACKLOG_LIFETIME).isBefore(now)) {
            backlog = ledger.backlog(now);
            backlogRead = now;
        }
        return backlog;
    }
}
