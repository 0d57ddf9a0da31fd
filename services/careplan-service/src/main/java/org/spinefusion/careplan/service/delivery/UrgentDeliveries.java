package org.spinefusion.careplan.service.delivery;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;
import org.spinefusion.careplan.service.delivery.queue.EscalationsQueued;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends escalations the moment the write that raised them commits, on threads of their own. Through the scheduler
 * an alert would wait for the executions it has already picked (up to three per thread, all routine when a backlog is
 * due) and for a free thread. The scheduled execution stays the durable record: when this attempt does not deliver
 * (the EHR failed, the replica died, the lane was full) that execution does, and when it did, that execution finds the
 * version delivered and ends. The lease keeps the two from sending at once.
 */
@Component
class UrgentDeliveries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UrgentDeliveries.class);
    /** An alert, its Task and what they cite (a response, its Observations) travel side by side. */
    private static final int THREADS = 3;
    /** Beyond this many waiting, an escalation goes by its scheduled execution only. */
    private static final int WAITING = 500;

    private final DeliveryWorker worker;
    private final EndpointRegistry endpoints;
    private final ThreadPoolExecutor lane;

    UrgentDeliveries(DeliveryWorker worker, EndpointRegistry endpoints, UrgentTraffic traffic) {
        this.worker = worker;
        this.endpoints = endpoints;
        AtomicInteger count = new AtomicInteger();
        this.lane = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WAITING),
                runnable -> {
                    Thread thread = new Thread(runnable, "urgent-delivery-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                // Full: the escalation goes by its scheduled execution only.
                new ThreadPoolExecutor.DiscardPolicy());
        traffic.watch(lane);
    }

    /**
     * What is cited goes in first, so the alert's thread mostly finds its dependencies delivered or in flight. Where the
     * endpoint takes a transaction, one thread sends them in that order: the first takes them all along, and the rest
     * find their versions delivered; side by side they would take parts of the one transaction.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void queued(EscalationsQueued escalations) {
        Map<String, List<DeliveryKey>> byEndpoint = escalations.keys().stream()
                .sorted(Comparator.comparingInt(key -> DeliveryClassifier.dependencyRank(key.type())))
                .collect(Collectors.groupingBy(DeliveryKey::endpointId, LinkedHashMap::new, Collectors.toList()));
        byEndpoint.forEach((endpointId, keys) -> {
            boolean together = endpoints
                    .find(endpointId)
                    .map(endpoint -> endpoint.capabilities() != null
                            && endpoint.capabilities().transaction())
                    .orElse(false);
            if (together) {
                lane.execute(() -> keys.forEach(this::send));
            } else {
                keys.forEach(key -> lane.execute(() -> send(key)));
            }
        });
    }

    private void send(DeliveryKey key) {
        try {
            worker.runUrgently(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The scheduled execution retries it; the class alone, as a message could carry resource content.
            log.warn(
                    "An urgent delivery attempt failed ({}); its scheduled execution retries it",
                    e.getClass().getName());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        lane.shutdownNow();
        lane.awaitTermination(10, TimeUnit.SECONDS);
    }
}
