package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.NextSteps.Step;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.Transition;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;
import org.spinefusion.careplan.service.delivery.send.OutgoingResources;
import org.spinefusion.careplan.service.delivery.send.RateLimits;
import org.spinefusion.careplan.service.delivery.send.TransactionWriter;
import org.spinefusion.careplan.service.delivery.send.WriteResult;
import org.spinefusion.careplan.service.delivery.translate.ReferenceTranslator;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Where the endpoint declares {@code transaction}: what one write of ours queued for it goes as one FHIR transaction
 * (a plan's Goals, the plan and its messages; an alert, its Task and what it cites). The EHR then stores them in one
 * request and links them itself, in any order, which costs it far less than a request each, and an alert no longer
 * waits for the writes it cites one after another. What cannot go along right now goes on its own as before: planned
 * messages, resources sent as notes, resources whose earlier attempt may have reached the EHR (their own path guards
 * against a second copy), and resources citing one still on its way. A transaction the EHR refuses leaves it unchanged;
 * its resources then go on their own, each to get its own answer.
 */
@Component
class TransactionDeliveries {

    /** The most resources one transaction carries; a plan's write queues about 25. */
    static final int MAX_ENTRIES = 100;

    private static final Duration RATE_WAIT = Duration.ofMillis(250);
    /** The longest a routine transaction holds back for escalations in progress on this replica. */
    private static final Duration ROUTINE_HOLD = Duration.ofSeconds(1);

    private final DeliveryLedger ledger;
    private final ResourceRepository resources;
    private final OutgoingResources outgoing;
    private final ReferenceTranslator references;
    private final TransactionWriter writer;
    private final NextSteps steps;
    private final RateLimits rateLimits;
    private final UrgentTraffic urgentTraffic;
    private final DeliveryProperties properties;
    private final DeliveryClassifier classifier;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    TransactionDeliveries(
            DeliveryLedger ledger,
            ResourceRepository resources,
            OutgoingResources outgoing,
            ReferenceTranslator references,
            TransactionWriter writer,
            NextSteps steps,
            RateLimits rateLimits,
            UrgentTraffic urgentTraffic,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            FhirContext fhir,
            Clock clock) {
        this.ledger = ledger;
        this.resources = resources;
        this.outgoing = outgoing;
        this.references = references;
        this.writer = writer;
        this.steps = steps;
        this.rateLimits = rateLimits;
        this.urgentTraffic = urgentTraffic;
        this.properties = properties;
        this.classifier = new DeliveryClassifier(fhir);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one transaction came to: a transition for each resource taken, and when {@code key} runs again. */
    record Sent(Map<DeliveryKey, Transition> transitions, Instant runAgain) {}

    /**
     * Sends {@code key} with what was queued with it, when there is anything to go along; null when {@code key} is to
     * go on its own (nothing was taken then).
     */
    Sent deliver(Endpoint endpoint, DeliveryKey key, boolean urgent) throws InterruptedException {
        Instant now = clock.instant();
        List<DeliveryRow> claimed = ledger.claimBatch(key, now, now.plus(properties.lease()), MAX_ENTRIES);
        if (claimed.size() < 2) {
            return giveBack(claimed);
        }
        Map<String, DeliveryRow> rows = new LinkedHashMap<>();
        claimed.forEach(row -> rows.put(row.type() + "/" + row.id(), row));
        Map<DeliveryKey, Transition> transitions = new HashMap<>();
        List<Member> members = sendable(endpoint, rows, transitions);
        List<TransactionWriter.Entry> entries = translated(endpoint, members, transitions);
        if (entries.size() < 2 || leftOut(transitions, key)) {
            return giveBack(claimed);
        }
        if (!urgent && members.stream().noneMatch(Member::escalation)) {
            urgentTraffic.awaitQuiet(ROUTINE_HOLD);
        }
        RateLimits.Permit permit = rateLimits.acquire(endpoint, RATE_WAIT);
        if (!permit.granted()) {
            members.forEach(member -> transitions.put(member.key(), new Transition.Released(false)));
            return new Sent(transitions, now.plus(permit.delay()));
        }
        if (!permit.delay().isZero()) {
            Thread.sleep(permit.delay().toMillis(), permit.delay().toNanosPart() % 1_000_000);
        }
        return send(endpoint, key, members, entries, transitions);
    }

    /** A resource taken for the transaction, the copy it sends, and the full URL the others reference it by. */
    private record Member(DeliveryKey key, DeliveryRow row, Resource resource, String fullUrl, boolean escalation) {}

    /** The taken resources that can go now; the others are given back for their own executions. */
    private List<Member> sendable(
            Endpoint endpoint, Map<String, DeliveryRow> rows, Map<DeliveryKey, Transition> transitions) {
        Capabilities capabilities = endpoint.capabilities();
        Map<String, Resource> current = new HashMap<>();
        resources.readCurrent(rows.keySet()).forEach(resource -> current.put(reference(resource), resource));
        List<Member> members = new ArrayList<>();
        for (DeliveryRow row : rows.values()) {
            DeliveryKey key = new DeliveryKey(row.endpointId(), row.type(), row.id(), row.pendingVersion());
            Resource resource = current.get(row.type() + "/" + row.id());
            boolean alone = resource == null
                    || capabilities.targetFor(row.type()) != Capabilities.Target.NATIVE
                    || planned(resource)
                    || (row.ehrId() != null && !capabilities.updatable().contains(row.type()))
                    || (row.ehrId() != null && !row.type().equals(row.targetType()));
            if (alone) {
                transitions.put(key, new Transition.Released(false));
                continue;
            }
            String fullUrl = row.ehrId() == null
                    ? "urn:uuid:" + UUID.randomUUID()
                    : endpoint.settings().baseUrl() + "/" + row.type() + "/" + row.ehrId();
            members.add(new Member(key, row, resource, fullUrl, classifier.escalation(resource)));
        }
        return members;
    }

    /**
     * The copies, references translated: to a member, its full URL; to anything else, as on their own. A member citing
     * something still on its way (or that cannot be sent now) is left to go on its own, and so, in turn, is any member
     * citing it.
     */
    private List<TransactionWriter.Entry> translated(
            Endpoint endpoint, List<Member> members, Map<DeliveryKey, Transition> transitions)
            throws InterruptedException {
        while (true) {
            Map<String, String> inTransaction = new HashMap<>();
            members.forEach(member ->
                    inTransaction.put(member.key().type() + "/" + member.key().id(), member.fullUrl()));
            List<TransactionWriter.Entry> entries = new ArrayList<>();
            Member leftOut = null;
            for (int i = 0; i < members.size() && leftOut == null; i++) {
                Member member = members.get(i);
                Resource out = outgoing.copy(member.resource());
                if (!translates(endpoint, out, inTransaction)) {
                    leftOut = member;
                } else {
                    entries.add(new TransactionWriter.Entry(
                            out,
                            member.fullUrl(),
                            member.row().ehrId(),
                            member.row().ehrVersion()));
                }
            }
            if (leftOut == null) {
                return entries;
            }
            members.remove(leftOut);
            transitions.put(leftOut.key(), new Transition.Released(false));
        }
    }

    private Sent send(
            Endpoint endpoint,
            DeliveryKey key,
            List<Member> members,
            List<TransactionWriter.Entry> entries,
            Map<DeliveryKey, Transition> transitions)
            throws InterruptedException {
        TransactionWriter.Outcome outcome;
        try {
            outcome = writer.write(endpoint, entries);
        } catch (IOException e) {
            // No answer: the EHR may hold all of it. Each retries on its own, guarded against a second copy.
            Instant runAgain = null;
            for (Member member : members) {
                Step step = steps.after(e, member.row(), clock.instant());
                transitions.put(member.key(), step.transition());
                runAgain = member.key().equals(key) ? step.runAgain() : runAgain;
            }
            return new Sent(transitions, runAgain == null ? clock.instant() : runAgain);
        }
        if (!outcome.succeeded()) {
            return refused(key, members, outcome, transitions);
        }
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            TransactionWriter.Written written = outcome.written().get(i);
            int version = Integer.parseInt(member.resource().getMeta().getVersionId());
            transitions.put(
                    member.key(),
                    new Transition.Delivered(version, member.key().type(), written.ehrId(), written.ehrVersion()));
        }
        metrics.transaction(members.size());
        boolean keyWent = members.stream().anyMatch(member -> member.key().equals(key));
        return new Sent(transitions, keyWent ? null : clock.instant());
    }

    /**
     * Refused as a whole: a storm (429, 503) is waited out as a single write would; anything else sends each on its
     * own from now on, so each gets the EHR's answer for itself (a dead letter, a healed order, an edit at the EHR).
     */
    private Sent refused(
            DeliveryKey key,
            List<Member> members,
            TransactionWriter.Outcome outcome,
            Map<DeliveryKey, Transition> transitions) {
        int status = outcome.refusal().status();
        boolean waitItOut = status == 429 || status == 503 || status >= 500;
        if (!waitItOut) {
            ledger.unbatch(members.stream().map(Member::key).toList());
            members.forEach(member -> transitions.put(member.key(), new Transition.Released(false)));
            return new Sent(transitions, clock.instant());
        }
        Instant runAgain = clock.instant();
        for (Member member : members) {
            Step step = steps.after(
                    WriteResult.failed(outcome.refusal()),
                    member.row(),
                    member.row().pendingVersion(),
                    member.key().type(),
                    member.escalation(),
                    clock.instant());
            transitions.put(member.key(), step.transition());
            if (member.key().equals(key) && step.runAgain() != null) {
                runAgain = step.runAgain();
            }
        }
        return new Sent(transitions, runAgain);
    }

    private Sent giveBack(List<DeliveryRow> claimed) {
        claimed.forEach(row -> ledger.record(
                new DeliveryKey(row.endpointId(), row.type(), row.id(), row.pendingVersion()),
                new Transition.Released(false),
                clock.instant()));
        return null;
    }

    /** A planned message is released or cancelled by its own execution, never sent as it stands. */
    private static boolean planned(Resource resource) {
        return resource instanceof Communication message
                && (message.getStatus() == CommunicationStatus.PREPARATION
                        || message.getStatus() == CommunicationStatus.NOTDONE);
    }

    /** False when a reference cannot be made the EHR's now (on its way, a Patient it lacks or could not look up). */
    private boolean translates(Endpoint endpoint, Resource out, Map<String, String> inTransaction)
            throws InterruptedException {
        try {
            return references.translate(endpoint, out, inTransaction) == null;
        } catch (IOException patientLookUpFailed) {
            return false;
        }
    }

    /** True when {@code key} itself was given back rather than sent. */
    private static boolean leftOut(Map<DeliveryKey, Transition> transitions, DeliveryKey key) {
        return transitions.keySet().stream()
                .anyMatch(taken -> taken.type().equals(key.type()) && taken.id().equals(key.id()));
    }

    private static String reference(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdPart();
    }
}
