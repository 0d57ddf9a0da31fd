package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;
import org.spinefusion.careplan.service.delivery.queue.PlannedCommunications;
import org.spinefusion.careplan.service.delivery.send.AccessTokens;
import org.spinefusion.careplan.service.delivery.send.EhrResponse;
import org.spinefusion.careplan.service.delivery.send.NativeWriter;
import org.spinefusion.careplan.service.delivery.send.NoteWriter;
import org.spinefusion.careplan.service.delivery.send.RateLimits;
import org.spinefusion.careplan.service.delivery.send.RetryPolicy;
import org.spinefusion.careplan.service.delivery.send.WriteResult;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Runs one delivery task: takes the resource (a lease, so two versions of it never travel at once), sends its current
 * version the way the endpoint takes it, and records the outcome. Returns when to run again, or null when done. A
 * resource that references one still on its way to the EHR delivers that one first, in the same run (so an alert's
 * QuestionnaireResponse, or a plan's Goals, never wait behind routine traffic), then tries again.
 */
@Component
class DeliveryWorker {

    /** Answers that will not change by retrying: dead letters. Other 4xx are dead letters too, except these. */
    private static final Set<Integer> RETRYABLE_4XX = Set.of(401, 408, 425, 429);

    private static final Duration RATE_WAIT = Duration.ofMillis(250);
    /** How deep a chain of dependencies is delivered inline, and how many of them one run delivers. */
    private static final int MAX_DEPTH = 3;

    private static final int MAX_ROUNDS = 64;
    /** A dependency another thread is sending is waited for in an escalation's thread when it is due within this. */
    private static final Duration HELD_WAIT = Duration.ofSeconds(1);
    /** The longest a resource waits to ask again for a Patient the EHR did not hold. */
    private static final Duration PARKED_RETRY_MAX = Duration.ofSeconds(30);
    /** How EHRs say a referenced resource is missing (HAPI: HAPI-1094 "Resource X not found, specified in path"). */
    private static final Pattern MISSING_REFERENCE =
            Pattern.compile("HAPI-1094|not found, specified in path|[Rr]eference.{0,80}not (found|resolv)");

    private final EndpointRegistry endpoints;
    private final DeliveryLedger ledger;
    private final ResourceRepository resources;
    private final NativeWriter natives;
    private final NoteWriter notes;
    private final PlannedCommunications planned;
    private final RetryPolicy retry;
    private final RateLimits rateLimits;
    private final DeliveryMetrics metrics;
    private final DeliveryClassifier classifier;
    private final DeliveryProperties properties;
    private final FhirContext fhir;
    private final Clock clock;

    DeliveryWorker(
            EndpointRegistry endpoints,
            DeliveryLedger ledger,
            ResourceRepository resources,
            NativeWriter natives,
            NoteWriter notes,
            PlannedCommunications planned,
            RetryPolicy retry,
            RateLimits rateLimits,
            DeliveryMetrics metrics,
            DeliveryProperties properties,
            FhirContext fhir,
            Clock clock) {
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.resources = resources;
        this.natives = natives;
        this.notes = notes;
        this.planned = planned;
        this.retry = retry;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.classifier = new DeliveryClassifier(fhir);
        this.properties = properties;
        this.fhir = fhir;
        this.clock = clock;
    }

    Instant run(DeliveryKey key) throws InterruptedException {
        return run(key, 0);
    }

    private Instant run(DeliveryKey key, int depth) throws InterruptedException {
        for (int round = 0; ; round++) {
            Waiting waiting = new Waiting();
            Instant next = attempt(key, waiting);
            if (waiting.on == null) {
                return next;
            }
            if (depth >= MAX_DEPTH || round >= MAX_ROUNDS) {
                return clock.instant().plus(RATE_WAIT);
            }
            Instant dependencyNext = run(waiting.on, depth + 1);
            if (dependencyNext == null) {
                continue;
            }
            Duration soon = Duration.between(clock.instant(), dependencyNext);
            if (waiting.urgent && soon.compareTo(HELD_WAIT) <= 0 && !parkBehind(key, waiting.on)) {
                // Another thread is sending the alert's dependency right now: a reschedule would cost a polling
                // interval. Routine traffic reschedules instead, so its threads are not held waiting.
                Thread.sleep(Math.max(0, soon.toMillis()));
                continue;
            }
            parkBehind(key, waiting.on);
            return dependencyNext.plus(RATE_WAIT);
        }
    }

    /**
     * A resource whose dependency is parked is parked too, with the dependency's reason, so both are visible. True
     * when it was.
     */
    private boolean parkBehind(DeliveryKey key, DeliveryKey dependency) {
        Optional<DeliveryRow> blocking = ledger.find(dependency);
        if (blocking.isPresent() && DeliveryRow.PARKED.equals(blocking.get().state())) {
            ledger.park(
                    key,
                    HoldReason.BEHIND_PARKED,
                    null,
                    "waits for " + dependency.type() + "/" + dependency.id() + ", parked: "
                            + blocking.get().lastError(),
                    clock.instant());
            return true;
        }
        return false;
    }

    /** Set by an attempt that did not send because the resource references {@code on}, not yet at the EHR. */
    private static final class Waiting {
        DeliveryKey on;
        boolean urgent;
    }

    private Instant attempt(DeliveryKey key, Waiting waiting) throws InterruptedException {
        Instant now = clock.instant();
        Optional<Endpoint> found = endpoints.find(key.endpointId());
        if (found.isEmpty()) {
            return null;
        }
        Endpoint endpoint = found.get();
        if (endpoint.capabilities() == null) {
            return endpoints.refresh(endpoint) ? now : retry.next(4, null, now);
        }
        Optional<DeliveryRow> claimed = ledger.claim(key, now, now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return heldElsewhere(key, now);
        }
        DeliveryRow claim = claimed.get();
        if (claim.holds(key.version()) || DeliveryRow.DEAD.equals(claim.state())) {
            ledger.release(key, claim.inFlight());
            return null;
        }
        Optional<Resource> current = resources.readCurrent(key.type(), key.id());
        Capabilities.Target target = endpoint.capabilities().targetFor(key.type());
        if (current.isEmpty() || target == Capabilities.Target.NONE) {
            ledger.finish(key, DeliveryRow.NOT_APPLICABLE, now);
            return null;
        }
        Resource resource = current.get();
        if (resource instanceof Communication message) {
            Instant due = dueMessage(key, message, claim, now);
            if (due != null) {
                return due.equals(Instant.MAX) ? null : due;
            }
        }
        RateLimits.Permit permit = rateLimits.acquire(endpoint, RATE_WAIT);
        if (!permit.granted()) {
            ledger.release(key, claim.inFlight());
            return now.plus(permit.delay());
        }
        if (!permit.delay().isZero()) {
            Thread.sleep(permit.delay().toMillis(), permit.delay().toNanosPart() % 1_000_000);
        }
        return send(endpoint, key, resource, target, claim, waiting);
    }

    /**
     * Planned messages: not yet due, reschedule; due, release (the completed version is delivered by its own task);
     * cancelled before it was ever sent, nothing to send. Null when the message is to be sent now; {@link Instant#MAX}
     * when done.
     */
    private Instant dueMessage(DeliveryKey key, Communication message, DeliveryRow claim, Instant now) {
        if (message.getStatus() == CommunicationStatus.PREPARATION) {
            Optional<Instant> due = classifier.sendTime(message);
            ledger.release(key, claim.inFlight());
            if (due.isPresent() && due.get().isAfter(now)) {
                return due.get();
            }
            planned.release(message, Date.from(due.orElse(now)));
            return Instant.MAX;
        }
        if (message.getStatus() == CommunicationStatus.NOTDONE && claim.ehrId() == null) {
            ledger.finish(key, DeliveryRow.CANCELLED, now);
            return Instant.MAX;
        }
        return null;
    }

    private Instant send(
            Endpoint endpoint,
            DeliveryKey key,
            Resource resource,
            Capabilities.Target target,
            DeliveryRow claim,
            Waiting waiting)
            throws InterruptedException {
        int version = Integer.parseInt(resource.getMeta().getVersionId());
        boolean note = target == Capabilities.Target.NOTE;
        WriteResult result;
        try {
            result = note
                    ? notes.write(endpoint, key, (CarePlan) resource, version, claim)
                    : natives.write(endpoint, resource, claim);
        } catch (IOException e) {
            Instant now = clock.instant();
            boolean nothingSent = e instanceof ConnectException || e instanceof AccessTokens.TokenRefusedException;
            ledger.failed(key, null, e.getClass().getSimpleName(), claim.inFlight() || !nothingSent, now);
            metrics.failed(nothingSent ? "unreachable" : "timeout");
            return retry.next(claim.failures() + 1, null, now);
        }
        Instant now = clock.instant();
        if (result.waitingFor() != null) {
            ledger.release(key, claim.inFlight());
            waiting.on = result.waitingFor();
            waiting.urgent = classifier.escalation(resource);
            return null;
        }
        if (result.parked() != null) {
            Integer status = result.failure() == null ? null : result.failure().status();
            ledger.park(key, result.parkedFor(), status, result.parked(), now);
            metrics.failed("parked");
            if (status != null && (status == 412 || status == 409)) {
                return null;
            }
            Instant retryAt = retry.next(claim.failures() + 1, null, now);
            Instant latest = now.plus(PARKED_RETRY_MAX);
            return retryAt.isAfter(latest) ? latest : retryAt;
        }
        if (result.succeeded()) {
            ledger.delivered(
                    key,
                    version,
                    note ? Capabilities.NOTE_TYPE : key.type(),
                    result.ehrId(),
                    result.ehrVersion(),
                    null,
                    now);
            metrics.delivered(key.type());
            return null;
        }
        if (result.unreconcilable()) {
            ledger.dead(
                    key,
                    HoldReason.UNRECONCILABLE,
                    null,
                    "an earlier attempt may have reached the EHR, which offers no search by identifier; check, then"
                            + " replay",
                    null,
                    now);
            metrics.deadLettered();
            return null;
        }
        return failed(key, claim, result.failure(), now);
    }

    private Instant failed(DeliveryKey key, DeliveryRow claim, EhrResponse response, Instant now) {
        int status = response.status();
        boolean missingReference = status >= 400
                && status < 500
                && response.body() != null
                && MISSING_REFERENCE.matcher(response.body()).find();
        if (missingReference && response.body().contains("Patient/")) {
            ledger.park(
                    key,
                    HoldReason.MISSING_PATIENT,
                    status,
                    "the EHR holds no Patient this resource is about; deliveries for this patient resume once it does",
                    now);
            metrics.failed("parked");
            Instant retryAt = retry.next(claim.failures() + 1, null, now);
            return retryAt.isAfter(now.plus(PARKED_RETRY_MAX)) ? now.plus(PARKED_RETRY_MAX) : retryAt;
        }
        if (status >= 400 && status < 500 && !RETRYABLE_4XX.contains(status) && !missingReference) {
            ledger.dead(
                    key,
                    HoldReason.REFUSED,
                    status,
                    "the EHR refused the resource (HTTP " + status + ")",
                    outcome(response),
                    now);
            metrics.deadLettered();
            return null;
        }
        boolean mayHaveActed = status >= 500 && status != 503;
        ledger.failed(key, status, "HTTP " + status, claim.inFlight() || mayHaveActed, now);
        metrics.failed(String.valueOf(status));
        boolean honoursRetryAfter = status == 429 || status == 503;
        return retry.next(claim.failures() + 1, honoursRetryAfter ? response.retryAfter() : null, now);
    }

    /** The EHR's OperationOutcome as it sent it; a bare text answer is wrapped in one. */
    private String outcome(EhrResponse response) {
        String body = response.body();
        try {
            if (body != null && !body.isBlank()) {
                return fhir.newJsonParser()
                        .encodeResourceToString(fhir.newJsonParser().parseResource(OperationOutcome.class, body));
            }
        } catch (RuntimeException notFhir) {
            // wrapped below
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics("HTTP " + response.status() + (body == null ? "" : ": " + abbreviate(body)));
        return fhir.newJsonParser().encodeResourceToString(outcome);
    }

    private Instant heldElsewhere(DeliveryKey key, Instant now) {
        Optional<DeliveryRow> row = ledger.find(key);
        if (row.isEmpty()
                || row.get().holds(key.version())
                || DeliveryRow.DEAD.equals(row.get().state())) {
            return null;
        }
        return now.plusMillis(100 + ThreadLocalRandom.current().nextLong(200));
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
