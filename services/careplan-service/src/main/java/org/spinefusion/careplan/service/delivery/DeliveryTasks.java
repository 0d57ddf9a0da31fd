package org.spinefusion.careplan.service.delivery;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.send.RetryPolicy;
import org.spinefusion.careplan.service.delivery.watch.AcknowledgementWatch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler tasks of delivery: one execution per (endpoint, resource version), and the periodic re-read of
 * endpoint capabilities. Retries are reschedules of the same execution at the time {@link RetryPolicy} computes; an
 * unexpected exception (the database away) falls back to db-scheduler's exponential backoff.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryTasks {

    @Bean
    CustomTask<Void> ehrDeliveryTask(DeliveryWorker worker, DeliveryWakeUps wakeUps) {
        return Tasks.custom(DeliveryKey.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1), 2.0))
                .execute((instance, context) -> {
                    Instant next;
                    try {
                        next = worker.run(DeliveryKey.parse(instance.getId()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("delivery interrupted", e);
                    }
                    if (next == null) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> {
                        operations.reschedule(complete, next);
                        wakeUps.at(next);
                    };
                });
    }

    @Bean
    RecurringTask<Void> ehrAcknowledgementWatchTask(AcknowledgementWatch watch, DeliveryProperties properties) {
        return Tasks.recurring("ehr-acknowledgement-watch", FixedDelay.of(properties.acknowledgementPoll()))
                .execute((instance, context) -> {
                    try {
                        watch.poll();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Bean
    RecurringTask<Void> ehrCapabilityRefreshTask(EndpointRegistry registry, DeliveryProperties properties) {
        return Tasks.recurring("ehr-capability-refresh", FixedDelay.of(properties.capabilityRefresh()))
                .execute((instance, context) -> registry.refreshAll());
    }
}
