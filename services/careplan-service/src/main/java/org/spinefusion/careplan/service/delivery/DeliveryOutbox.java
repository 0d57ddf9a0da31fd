package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.SchedulableTaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.storage.ResourceWriteListener;
import org.springframework.stereotype.Component;

/**
 * The outbox: for every deliverable resource version storage writes, a pending delivery row and a db-scheduler task
 * per routed endpoint, in the writing transaction (db-scheduler's Spring Boot starter wraps the DataSource in a
 * TransactionAwareDataSourceProxy, so its insert joins it). Nothing is sent here.
 */
@Component
class DeliveryOutbox implements ResourceWriteListener {

    private final EndpointRegistry endpoints;
    private final DeliveryLedger ledger;
    private final SchedulerClient scheduler;
    private final DeliveryClassifier classifier;
    private final Clock clock;

    DeliveryOutbox(
            EndpointRegistry endpoints,
            DeliveryLedger ledger,
            SchedulerClient scheduler,
            FhirContext fhir,
            Clock clock) {
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
            boolean escalation = classifier.escalation(resource);
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
                tasks.add(task(key, escalation, when));
            }
        }
        if (!keys.isEmpty()) {
            ledger.enqueue(keys, escalations, due, now);
            scheduler.scheduleBatch(tasks);
        }
    }

    static SchedulableInstance<Void> task(DeliveryKey key, boolean escalation, Instant when) {
        TaskInstance<Void> instance = new TaskInstance<>(
                DeliveryKey.TASK, key.instanceId(), () -> null, DeliveryClassifier.priority(escalation));
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
