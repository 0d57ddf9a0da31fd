package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.NextSteps.Step;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryState;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.spinefusion.careplan.service.delivery.ledger.Transition;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;
import org.spinefusion.careplan.service.delivery.queue.PlannedCommunications;
import org.spinefusion.careplan.service.delivery.queue.WaitingExecutions;
import org.spinefusion.careplan.service.delivery.send.NativeWriter;
import org.spinefusion.careplan.service.delivery.send.NoteWriter;
import org.spinefusion.careplan.service.delivery.send.OutgoingResources;
import org.spinefusion.careplan.service.delivery.send.RateLimits;
import org.spinefusion.careplan.service.delivery.send.RetryPolicy;
import org.spinefusion.careplan.service.delivery.send.WriteResult;
import org.spinefusion.careplan.service.delivery.translate.ReferenceTranslator;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one delivery task: takes the resource (a lease, so two versions of it never travel at once), sends its current
 * version the way the endpoint takes it, and records the step {@link NextSteps} decides, in one ledger write. Returns
 * when to run again, or null when done. A resource that references one still on its way to the EHR delivers that one
 * first, in the same run (so an alert's QuestionnaireResponse, or a plan's Goals, never wait behind routine traffic),
 * then tries again.
 */
@Component
class DeliveryWorker {

    private static final Duration RATE_WAIT = Duration.ofMillis(250);
    /** How deep a chain of dependencies is delivered inline, and how many of them one run delivers. */
    private static final int MAX_DEPTH = 3;

    private static final int MAX_ROUNDS = 64;
    /** A dependency another thread is sending is waited for in an escalation's thread when it is due within this. */
    private static final Duration HELD_WAIT = Duration.ofSeconds(1);
    /** How often such a waiting escalation looks whether its dependency has landed. */
    private static final Duration HELD_LOOK_AGAIN = Duration.ofMillis(15);
    /** The longest a routine send holds back for escalations in progress on this replica. */
    private static final Duration ROUTINE_HOLD = Duration.ofSeconds(1);

    private final EndpointRegistry endpoints;
    private final DeliveryLedger ledger;
    private final ResourceRepository resources;
    private final NativeWriter natives;
    private final OutgoingResources outgoing;
    private final ReferenceTranslator references;
    private final NoteWriter notes;
    private final PlannedCommunications planned;
    private final NextSteps steps;
    private final RetryPolicy retry;
    private final RateLimits rateLimits;
    private final DeliveryMetrics metrics;
    private final DeliveryClassifier classifier;
    private final DeliveryProperties properties;
    private final UrgentTraffic urgentTraffic;
    private final TransactionDeliveries transactions;
    private final RecoveredEndpoints recovery;
    private final WaitingExecutions executions;
    private final Clock clock;

    DeliveryWorker(
            EndpointRegistry endpoints,
            DeliveryLedger ledger,
            ResourceRepository resources,
            NativeWriter natives,
            OutgoingResources outgoing,
            ReferenceTranslator references,
            NoteWriter notes,
            PlannedCommunications planned,
            NextSteps steps,
            RetryPolicy retry,
            RateLimits rateLimits,
            DeliveryMetrics metrics,
            DeliveryProperties properties,
            UrgentTraffic urgentTraffic,
            TransactionDeliveries transactions,
            RecoveredEndpoints recovery,
            WaitingExecutions executions,
            FhirContext fhir,
            Clock clock) {
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.resources = resources;
        this.natives = natives;
        this.outgoing = outgoing;
        this.references = references;
        this.notes = notes;
        this.planned = planned;
        this.steps = steps;
        this.retry = retry;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.classifier = new DeliveryClassifier(fhir);
        this.properties = properties;
        this.urgentTraffic = urgentTraffic;
        this.transactions = transactions;
        this.recovery = recovery;
        this.executions = executions;
        this.clock = clock;
    }

    Instant run(DeliveryKey key) throws InterruptedException {
        return run(key, 0, false);
    }

    /**
     * For the escalation lane: whatever the resource, a dependency another thread is sending is waited for in-thread,
     * and routine traffic is not waited for.
     */
    Instant runUrgently(DeliveryKey key) throws InterruptedException {
        return run(key, 0, true);
    }

    private Instant run(DeliveryKey key, int depth, boolean urgent) throws InterruptedException {
        for (int round = 0; ; round++) {
            Step step = attempt(key, urgent);
            if (step.waitingOn() == null) {
                return step.runAgain();
            }
            if (depth >= MAX_DEPTH || round >= MAX_ROUNDS) {
                return clock.instant().plus(RATE_WAIT);
            }
            boolean urgentChain = urgent || step.urgent();
            Instant dependencyNext = run(step.waitingOn(), depth + 1, urgentChain);
            if (dependencyNext == null) {
                continue;
            }
            Duration soon = Duration.between(clock.instant(), dependencyNext);
            if (urgentChain && soon.compareTo(HELD_WAIT) <= 0 && !parkBehind(key, step.waitingOn())) {
                // Another thread is sending the escalation's dependency right now: a reschedule would cost a polling
                // interval. Look again shortly rather than at the rescheduled time, which is spread out for replicas.
                // Routine traffic reschedules instead, so its threads are not held waiting.
                Thread.sleep(Math.max(0, Math.min(soon.toMillis(), HELD_LOOK_AGAIN.toMillis())));
                continue;
            }
            parkBehind(key, step.waitingOn());
            return dependencyNext.plus(RATE_WAIT);
        }
    }

    /**
     * A resource whose dependency is parked is parked too, with the dependency's reason, so both are visible. True
     * when it was.
     */
    private boolean parkBehind(DeliveryKey key, DeliveryKey dependency) {
        Optional<DeliveryRow> blocking = ledger.find(dependency);
        if (blocking.isPresent() && blocking.get().state() == DeliveryState.PARKED) {
            record(
                    key,
                    new Transition.Parked(
                            HoldReason.BEHIND_PARKED,
                            null,
                            "waits for " + dependency.type() + "/" + dependency.id() + ", parked: "
                                    + blocking.get().lastError()));
            return true;
        }
        return false;
    }

    /** One attempt, recorded; the step says when to run again or which dependency to deliver first. */
    private Step attempt(DeliveryKey key, boolean urgent) throws InterruptedException {
        Instant now = clock.instant();
        Optional<Endpoint> found = endpoints.find(key.endpointId());
        if (found.isEmpty()) {
            return done();
        }
        Endpoint endpoint = found.get();
        if (endpoint.capabilities() == null) {
            return new Step(null, endpoints.refresh(endpoint) ? now : retry.next(4, null, now), null, false);
        }
        Optional<DeliveryRow> claimed = Optional.empty();
        if (endpoint.capabilities().transaction()) {
            TransactionDeliveries.Sent sent = transactions.deliver(endpoint, key, urgent, chunk -> {
                chunk.transitions().forEach(this::record);
                recordLanded(key, chunk.landed());
            });
            if (sent != null && sent.alone() == null) {
                return new Step(null, sent.runAgain(), null, false);
            }
            claimed = Optional.ofNullable(sent == null ? null : sent.alone());
        }
        if (claimed.isEmpty()) {
            claimed = ledger.claim(key, now, now.plus(properties.lease()));
        }
        if (claimed.isEmpty()) {
            return heldElsewhere(key, now);
        }
        DeliveryRow claim = claimed.get();
        Step step = stepFor(endpoint, key, claim, now, urgent);
        record(key, step.transition());
        return step;
    }

    private Step stepFor(Endpoint endpoint, DeliveryKey key, DeliveryRow claim, Instant now, boolean urgent)
            throws InterruptedException {
        if (claim.holds(key.version()) || claim.state() == DeliveryState.DEAD) {
            return Step.release(claim, null);
        }
        Optional<Resource> current = resources.readCurrent(key.type(), key.id());
        Capabilities.Target target = endpoint.capabilities().targetFor(key.type());
        if (current.isEmpty() || target == Capabilities.Target.NONE) {
            return Step.finish(DeliveryState.NOT_APPLICABLE);
        }
        Resource resource = current.get();
        if (resource instanceof Communication message) {
            Step planned = plannedMessage(message, claim, now);
            if (planned != null) {
                return planned;
            }
        }
        if (!urgent && !classifier.escalation(resource)) {
            // The EHR serves this replica's escalations first; the lease is held meanwhile, well within its length.
            urgentTraffic.awaitQuiet(ROUTINE_HOLD);
        }
        RateLimits.Permit permit = rateLimits.acquire(endpoint, RATE_WAIT);
        if (!permit.granted()) {
            return Step.release(claim, now.plus(permit.delay()));
        }
        if (!permit.delay().isZero()) {
            Thread.sleep(permit.delay().toMillis(), permit.delay().toNanosPart() % 1_000_000);
        }
        return send(endpoint, key, resource, target, claim);
    }

    /**
     * Planned messages: not yet due, reschedule; due, release (the completed version is delivered by its own task);
     * cancelled before it was ever sent, nothing to send. Null when the message is to be sent now.
     */
    private Step plannedMessage(Communication message, DeliveryRow claim, Instant now) {
        if (message.getStatus() == CommunicationStatus.PREPARATION) {
            Optional<Instant> due = classifier.sendTime(message);
            if (due.isPresent() && due.get().isAfter(now)) {
                return Step.release(claim, due.get());
            }
            planned.release(message, Date.from(due.orElse(now)));
            return Step.release(claim, null);
        }
        if (message.getStatus() == CommunicationStatus.NOTDONE && claim.ehrId() == null) {
            return Step.finish(DeliveryState.CANCELLED);
        }
        return null;
    }

    private Step send(
            Endpoint endpoint, DeliveryKey key, Resource resource, Capabilities.Target target, DeliveryRow claim)
            throws InterruptedException {
        int version = Integer.parseInt(resource.getMeta().getVersionId());
        boolean note = target == Capabilities.Target.NOTE;
        WriteResult result;
        try {
            result = note
                    ? notes.write(endpoint, key, (CarePlan) resource, version, claim)
                    : asItself(endpoint, resource, claim);
        } catch (IOException e) {
            return steps.after(e, claim, clock.instant());
        }
        return steps.after(
                result,
                claim,
                version,
                note ? Capabilities.NOTE_TYPE : key.type(),
                classifier.escalation(resource),
                clock.instant());
    }

    /** Translate, then send: the copy goes out only once every reference in it is one the EHR can resolve. */
    private WriteResult asItself(Endpoint endpoint, Resource resource, DeliveryRow claim)
            throws IOException, InterruptedException {
        Resource out = outgoing.copy(resource);
        WriteResult untranslatable = references.translate(endpoint, out);
        return untranslatable != null ? untranslatable : natives.write(endpoint, resource, out, claim);
    }

    /** The one place an attempt's outcome reaches the ledger and the metrics. */
    private void record(DeliveryKey key, Transition transition) {
        if (transition == null) {
            return;
        }
        ledger.record(key, transition, clock.instant());
        if (transition instanceof Transition.Delivered) {
            metrics.delivered(key.type());
            recovery.delivered(key.endpointId());
        } else if (transition instanceof Transition.Dead) {
            metrics.deadLettered();
        } else if (transition instanceof Transition.Parked) {
            metrics.failed("parked");
        } else if (transition instanceof Transition.Retry retried) {
            metrics.failed(retried.reason());
            if (retried.status() == null) {
                // No answer at all: the EHR was away. A refusal with Retry-After is waited out as asked.
                recovery.failed(key.endpointId());
            }
        }
    }

    /**
     * What one transaction stored, in one ledger write; the executions of those other than {@code key} are removed
     * before they run for nothing.
     */
    private void recordLanded(DeliveryKey key, List<DeliveryLedger.Landed> landed) {
        if (landed.isEmpty()) {
            return;
        }
        ledger.deliveredAll(landed, clock.instant());
        landed.forEach(each -> metrics.delivered(each.key().type()));
        recovery.delivered(key.endpointId());
        executions.removeDelivered(landed.stream()
                .map(DeliveryLedger.Landed::key)
                .filter(other -> !other.equals(key))
                .toList());
    }

    private Step heldElsewhere(DeliveryKey key, Instant now) {
        Optional<DeliveryRow> row = ledger.find(key);
        if (row.isEmpty() || row.get().holds(key.version()) || row.get().state() == DeliveryState.DEAD) {
            return done();
        }
        return new Step(null, now.plusMillis(100 + ThreadLocalRandom.current().nextLong(200)), null, false);
    }

    private static Step done() {
        return new Step(null, null, null, false);
    }
}
