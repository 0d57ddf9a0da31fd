package org.spinefusion.careplan.service.delivery.queue;

import ca.uhn.fhir.context.FhirContext;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.SchedulableTaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryState;
import org.spinefusion.careplan.service.storage.ResourceWriteListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: for every deliverable resource version storage writes, a pending delivery row and a db-scheduler task
 * per routed endpoint, in the writing transaction (db-scheduler's Spring Boot starter wraps the DataSource in a
 * TransactionAwareDataSourceProxy, so its insert joins it). Nothing is sent here. What an escalation references in
 * the same write goes with the escalation's priority, and the write's escalations are announced
 * ({@link EscalationsQueued}) so they can be sent the moment it commits. After the commit the scheduler is woken too:
 * db-scheduler's own immediate execution fires inside the transaction, before the rows are visible, and would
 * otherwise leave the work to the next poll.
 */
@Component
public class DeliveryOutbox implements ResourceWriteListener {

    /** How much later than the first the other routine executions of one write start, where they go as a transaction. */
    static final Duration FOLLOWERS_LATER = Duration.ofSeconds(10);

    private final EndpointRegistry endpoints;
    private final DeliveryLedger ledger;
    private final SchedulerClient scheduler;
    private final DeliveryClassifier classifier;
    private final ObjectProvider<Scheduler> wakeUp;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliveryOutbox(
            EndpointRegistry endpoints,
            DeliveryLedger ledger,
            SchedulerClient scheduler,
            FhirContext fhir,
            ObjectProvider<Scheduler> wakeUp,
            ApplicationEventPublisher events,
            Clock clock) {
        this.wakeUp = wakeUp;
        this.events = events;
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.classifier = new DeliveryClassifier(fhir);
        this.clock = clock;
    }

    @Override
    public void written(List<Resource> resources) {
        List<Endpoint> registered = endpoints.current();
        if (registered.isEmpty()) {
            return;
        }
        Map<String, String> questionnairePatients = questionnairePatients(resources);
        Instant now = clock.instant();
        Set<String> urgent = new HashSet<>();
        for (Resource resource : resources) {
            if (classifier.escalation(resource)) {
                urgent.addAll(classifier.references(resource));
            }
        }
        List<DeliveryKey> keys = new ArrayList<>();
        List<Boolean> escalations = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        List<SchedulableInstance<?>> tasks = new ArrayList<>();
        for (Resource resource : resources) {
            if (!DeliveryClassifier.DELIVERABLE.contains(resource.fhirType())) {
                continue;
            }
            String patient = resource instanceof Questionnaire questionnaire
                    ? questionnairePatients.get(questionnaire.getUrl())
                    : classifier.patient(resource);
            if (patient == null) {
                continue;
            }
            List<String> references = classifier.references(resource);
            boolean escalation = classifier.escalation(resource)
                    || urgent.contains(resource.fhirType() + "/" + resource.getIdPart());
            Instant when = classifier.sendTime(resource).filter(now::isBefore).orElse(now);
            int version = Integer.parseInt(resource.getMeta().getVersionId());
            for (Endpoint endpoint : registered) {
                if (!endpoint.routes(patient, references)) {
                    continue;
                }
                DeliveryKey key = new DeliveryKey(endpoint.id(), resource.fhirType(), resource.getIdPart(), version);
                keys.add(key);
                escalations.add(escalation);
                due.add(when);
            }
        }
        if (!keys.isEmpty()) {
            List<Instant> runAt = runAt(keys, escalations, due, registered, now);
            for (int i = 0; i < keys.size(); i++) {
                tasks.add(task(keys.get(i), escalations.get(i), runAt.get(i)));
            }
            ledger.enqueue(keys, escalations, due, now);
            scheduler.scheduleBatch(tasks);
            List<DeliveryKey> escalationKeys = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (escalations.get(i)) {
                    escalationKeys.add(keys.get(i));
                }
            }
            if (!escalationKeys.isEmpty()) {
                escalationKeys.addAll(citedEarlier(escalationKeys, urgent, resources));
                events.publishEvent(new EscalationsQueued(List.copyOf(escalationKeys)));
            }
            wakeAfterCommit();
        }
    }

    /**
     * When each execution runs. Where the endpoint takes a transaction, the first execution of what this write queued
     * for it takes all of it along; the others' executions are removed once it has. They run now only if nothing else
     * does: the rest of a write's routine deliveries there are due now (the ledger says so) but their executions start
     * {@link #FOLLOWERS_LATER} later, so the scheduler does not pick several of one write at once, each to find the
     * others' work done. The one that runs first is what the others reference (a Goal before its plan). Escalations and
     * planned messages run at their time.
     */
    private static List<Instant> runAt(
            List<DeliveryKey> keys,
            List<Boolean> escalations,
            List<Instant> due,
            List<Endpoint> registered,
            Instant now) {
        List<Instant> runAt = new ArrayList<>(due);
        for (Endpoint endpoint : registered) {
            if (endpoint.capabilities() == null || !endpoint.capabilities().transaction()) {
                continue;
            }
            Integer first = null;
            for (int i = 0; i < keys.size(); i++) {
                boolean routineNow = !escalations.get(i) && !due.get(i).isAfter(now);
                boolean asItself = endpoint.capabilities().targetFor(keys.get(i).type()) == Capabilities.Target.NATIVE;
                if (!routineNow || !asItself || !keys.get(i).endpointId().equals(endpoint.id())) {
                    continue;
                }
                runAt.set(i, now.plus(FOLLOWERS_LATER));
                if (first == null
                        || DeliveryClassifier.dependencyRank(keys.get(i).type())
                                < DeliveryClassifier.dependencyRank(
                                        keys.get(first).type())) {
                    first = i;
                }
            }
            if (first != null) {
                runAt.set(first, due.get(first));
            }
        }
        return runAt;
    }

    /**
     * What the escalations cite that an earlier write queued and the EHR does not hold yet (a QuestionnaireResponse and
     * its Observations are stored before the rules that read them fire): it travels on the escalations' lane too.
     */
    private List<DeliveryKey> citedEarlier(
            List<DeliveryKey> escalationKeys, Set<String> cited, List<Resource> written) {
        Set<String> earlier = new HashSet<>(cited);
        written.forEach(resource -> earlier.remove(resource.fhirType() + "/" + resource.getIdPart()));
        earlier.removeIf(reference -> {
            int slash = reference.indexOf('/');
            return slash < 0 || !DeliveryClassifier.DELIVERABLE.contains(reference.substring(0, slash));
        });
        if (earlier.isEmpty()) {
            return List.of();
        }
        List<DeliveryKey> keys = new ArrayList<>();
        escalationKeys.stream()
                .map(DeliveryKey::endpointId)
                .distinct()
                .forEach(endpoint -> ledger.findAll(endpoint, earlier).values().forEach(row -> {
                    if (row.state() == DeliveryState.PENDING && !row.holds(row.pendingVersion())) {
                        keys.add(new DeliveryKey(endpoint, row.type(), row.id(), row.pendingVersion()));
                    }
                }));
        return keys;
    }

    private void wakeAfterCommit() {
        Scheduler running = wakeUp.getIfAvailable();
        if (running == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    running.triggerCheckForDueExecutions();
                }
            });
        } else {
            running.triggerCheckForDueExecutions();
        }
    }

    public static SchedulableInstance<Void> task(DeliveryKey key, boolean escalation, Instant when) {
        TaskInstance<Void> instance = new TaskInstance<>(
                DeliveryKey.TASK, key.instanceId(), () -> null, DeliveryClassifier.priority(escalation, key.type()));
        return new SchedulableTaskInstance<>(instance, when);
    }

    /** A tailored Questionnaire has no subject; it goes where the CarePlan written with it goes. */
    private Map<String, String> questionnairePatients(List<Resource> resources) {
        Map<String, String> patients = new HashMap<>();
        for (Resource resource : resources) {
            if (resource instanceof CarePlan plan && plan.hasSubject()) {
                for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
                    activity.getDetail().getInstantiatesCanonical().forEach(canonical -> {
                        String url = canonical.getValue();
                        int bar = url == null ? -1 : url.indexOf('|');
                        if (url != null) {
                            patients.put(bar < 0 ? url : url.substring(0, bar), reference(plan.getSubject()));
                        }
                    });
                }
            }
        }
        return patients;
    }

    private static String reference(Reference reference) {
        return reference.getReference();
    }
}
