package org.spinefusion.careplan.service.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.Consumer;
import java.util.regex.Pattern;
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

    /**
     * The most resources one routine transaction carries (a plan's write queues about 25): small enough that the EHR
     * finishes what is in flight soon when an escalation comes.
     */
    static final int ROUTINE_ENTRIES = 10;
    /** An escalation's write (an alert, its Task, the patient's instruction, what they cite) goes as one. */
    static final int URGENT_ENTRIES = 100;

    private static final Duration RATE_WAIT = Duration.ofMillis(250);
    /**
     * A Communication's status as its JSON holds it, compact or not; inside the narrative's string quotes are escaped,
     * so it cannot match there. The only status of a Communication is its own.
     */
    private static final Pattern PLANNED_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(preparation|not-done)\"");
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
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * What one transaction came to: what the EHR now holds, a transition for each other resource taken, and when
     * {@code key} runs again.
     */
    record Sent(
            List<DeliveryLedger.Landed> landed,
            Map<DeliveryKey, Transition> transitions,
            Instant runAgain,
            DeliveryRow alone) {

        Sent(List<DeliveryLedger.Landed> landed, Map<DeliveryKey, Transition> transitions, Instant runAgain) {
            this(landed, transitions, runAgain, null);
        }

        Sent(Map<DeliveryKey, Transition> transitions, Instant runAgain) {
            this(List.of(), transitions, runAgain, null);
        }

        /** Nothing went along: {@code key}'s row was taken on its own and goes on its own with this claim. */
        static Sent alone(DeliveryRow claim) {
            return new Sent(List.of(), Map.of(), null, claim);
        }
    }

    /**
     * Sends {@code key} with what was queued with it, in transactions of up to {@link #ROUTINE_ENTRIES} (routine) or
     * {@link #URGENT_ENTRIES} (an escalation's) resources, each recorded as it lands; between two, routine traffic
     * makes way for escalations on this replica. {@link Sent#alone} when only the key's own row was taken; null when
     * the key is to go on its own with nothing of it taken; else the key's last outcome.
     */
    Sent deliver(Endpoint endpoint, DeliveryKey key, boolean urgent, Consumer<Sent> record)
            throws InterruptedException {
        int limit = urgent ? URGENT_ENTRIES : ROUTINE_ENTRIES;
        boolean first = true;
        while (true) {
            Instant now = clock.instant();
            List<DeliveryRow> claimed = ledger.claimBatch(
                    key, now, now.plus(properties.lease()), limit, first, DeliveryClassifier.dependencyOrder());
            if (first && claimed.size() == 1 && sameResource(key(claimed.get(0)), key)) {
                // Only the key's own row: its claim serves the write on its own, rather than being given back and
                // taken again.
                return Sent.alone(claimed.get(0));
            }
            if (claimed.isEmpty()) {
                // The key's row was not among what went (left out, or taken by another): it goes on its own.
                return null;
            }
            Sent chunk = chunk(endpoint, key, urgent, claimed);
            record.accept(chunk);
            if (chunk.landed().isEmpty() && chunk.runAgain() == null) {
                // Nothing could go along: the key goes on its own (its dependency first, or parked behind it).
                return null;
            }
            boolean keyWent = chunk.landed().stream().anyMatch(landed -> sameResource(landed.key(), key));
            if (chunk.landed().isEmpty()) {
                return chunk;
            }
            if (claimed.size() < limit) {
                return keyWent ? new Sent(Map.of(), null) : null;
            }
            // The next chunk makes way for escalations before it is sent (chunk).
            first = false;
        }
    }

    private static DeliveryKey key(DeliveryRow row) {
        return new DeliveryKey(row.endpointId(), row.type(), row.id(), row.pendingVersion());
    }

    /** The same resource at the same endpoint, whichever version each names. */
    private static boolean sameResource(DeliveryKey one, DeliveryKey other) {
        return one.endpointId().equals(other.endpointId())
                && one.type().equals(other.type())
                && one.id().equals(other.id());
    }

    /** One transaction of what was taken; what cannot go along is given back. */
    private Sent chunk(Endpoint endpoint, DeliveryKey key, boolean urgent, List<DeliveryRow> claimed)
            throws InterruptedException {
        Instant now = clock.instant();
        Map<String, DeliveryRow> rows = new LinkedHashMap<>();
        claimed.forEach(row -> rows.put(row.type() + "/" + row.id(), row));
        Map<DeliveryKey, Transition> transitions = new HashMap<>();
        List<Member> members = sendable(endpoint, rows, transitions);
        List<TransactionWriter.Entry> entries = translated(endpoint, members, transitions);
        if (entries.isEmpty()) {
            return new Sent(transitions, null);
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

    /** A resource taken for the transaction, as stored, and the full URL the others reference it by. */
    private record Member(
            DeliveryKey key, DeliveryRow row, ResourceRepository.StoredVersionJson stored, String fullUrl) {

        boolean escalation() {
            return row.escalation();
        }
    }

    /** The taken resources that can go now; the others are given back for their own executions. */
    private List<Member> sendable(
            Endpoint endpoint, Map<String, DeliveryRow> rows, Map<DeliveryKey, Transition> transitions) {
        Capabilities capabilities = endpoint.capabilities();
        Map<String, ResourceRepository.StoredVersionJson> current = new HashMap<>();
        resources
                .readCurrentJson(rows.keySet())
                .forEach(stored -> current.put(stored.type() + "/" + stored.id(), stored));
        List<Member> members = new ArrayList<>();
        for (DeliveryRow row : rows.values()) {
            DeliveryKey key = key(row);
            ResourceRepository.StoredVersionJson stored = current.get(row.type() + "/" + row.id());
            boolean alone = stored == null
                    || capabilities.targetFor(row.type()) != Capabilities.Target.NATIVE
                    || planned(stored)
                    || (row.ehrId() != null && !capabilities.updatable().contains(row.type()))
                    || (row.ehrId() != null && !row.type().equals(row.targetType()));
            if (alone) {
                transitions.put(key, new Transition.Released(false));
                continue;
            }
            String fullUrl = row.ehrId() == null
                    ? "urn:uuid:" + UUID.randomUUID()
                    : endpoint.settings().baseUrl() + "/" + row.type() + "/" + row.ehrId();
            members.add(new Member(key, row, stored, fullUrl));
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
                ObjectNode out = outgoing.copy(member.stored());
                if (!translates(endpoint, out, inTransaction)) {
                    leftOut = member;
                } else {
                    entries.add(new TransactionWriter.Entry(
                            member.key().type(),
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
                runAgain = sameResource(member.key(), key) ? step.runAgain() : runAgain;
            }
            return new Sent(transitions, runAgain == null ? clock.instant() : runAgain);
        }
        if (!outcome.succeeded()) {
            return refused(key, members, outcome, transitions);
        }
        List<DeliveryLedger.Landed> landed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            TransactionWriter.Written written = outcome.written().get(i);
            int version = member.stored().version();
            landed.add(new DeliveryLedger.Landed(member.key(), version, written.ehrId(), written.ehrVersion()));
        }
        metrics.transaction(members.size());
        boolean keyWent = members.stream().anyMatch(member -> sameResource(member.key(), key));
        return new Sent(landed, transitions, keyWent ? null : clock.instant());
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
        boolean waitItOut = status == 429 || status >= 500;
        if (!waitItOut) {
            ledger.unbatch(key.endpointId(), members.stream().map(Member::key).toList());
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
            if (sameResource(member.key(), key) && step.runAgain() != null) {
                runAgain = step.runAgain();
            }
        }
        return new Sent(transitions, runAgain);
    }

    /** A planned message is released or cancelled by its own execution, never sent as it stands. */
    private static boolean planned(ResourceRepository.StoredVersionJson stored) {
        return stored.type().equals("Communication")
                && PLANNED_STATUS.matcher(stored.json()).find();
    }

    /** False when a reference cannot be made the EHR's now (on its way, a Patient it lacks or could not look up). */
    private boolean translates(Endpoint endpoint, ObjectNode out, Map<String, String> inTransaction)
            throws InterruptedException {
        try {
            return references.translate(endpoint, out, inTransaction) == null;
        } catch (IOException patientLookUpFailed) {
            return false;
        }
    }
}
