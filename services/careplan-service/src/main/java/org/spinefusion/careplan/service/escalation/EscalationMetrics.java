package org.spinefusion.careplan.service.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts escalations raised and climbed, by priority ({@code careplan_escalations_total}). Counted after the
 * transaction commits, so an escalation rolled back with its response is never counted.
 */
@Component
class EscalationMetrics {

    private final MeterRegistry registry;

    EscalationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void raised(Priority priority) {
        afterCommit("raised", priority);
    }

    void climbed(Priority priority) {
        afterCommit("climbed", priority);
    }

    private void afterCommit(String event, Priority priority) {
        Counter counter = Counter.builder("careplan.escalations")
                .description("Escalations to the care team, by priority and event")
                .tag("priority", priority.code())
                .tag("event", event)
                .register(registry);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
