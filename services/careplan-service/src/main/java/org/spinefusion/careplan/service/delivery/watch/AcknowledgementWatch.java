package org.spinefusion.careplan.service.delivery.watch;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointRegistry;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.send.EhrClient;
import org.spinefusion.careplan.service.delivery.send.EhrResponse;
import org.spinefusion.careplan.service.escalation.Acknowledgements;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Watches the EHRs' copies of open escalation Tasks: a clinician who accepts the Task where they work (at the EHR)
 * acknowledges the escalation as if it had been accepted here, so the ladder stops climbing. The EHR's status and
 * notes are taken; its owner only by name, as its references point into the EHR.
 */
@Component
public class AcknowledgementWatch {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementWatch.class);
    private static final Set<TaskStatus> OPEN = Set.of(TaskStatus.REQUESTED, TaskStatus.RECEIVED, TaskStatus.READY);
    private static final Set<TaskStatus> ACKNOWLEDGING =
            Set.of(TaskStatus.ACCEPTED, TaskStatus.INPROGRESS, TaskStatus.COMPLETED);
    private static final int WATCHED = 500;

    private final DeliveryLedger ledger;
    private final EndpointRegistry endpoints;
    private final ResourceRepository resources;
    private final EhrClient client;
    private final Acknowledgements acknowledgements;
    private final FhirContext fhir;

    AcknowledgementWatch(
            DeliveryLedger ledger,
            EndpointRegistry endpoints,
            ResourceRepository resources,
            EhrClient client,
            Acknowledgements acknowledgements,
            FhirContext fhir) {
        this.ledger = ledger;
        this.endpoints = endpoints;
        this.resources = resources;
        this.client = client;
        this.acknowledgements = acknowledgements;
        this.fhir = fhir;
    }

    public void poll() throws InterruptedException {
        for (DeliveryRow row : ledger.deliveredAs("Task", WATCHED)) {
            Optional<Task> ours = resources.readCurrent("Task", row.id()).map(Task.class::cast);
            Optional<Endpoint> endpoint = endpoints.find(row.endpointId());
            if (ours.isEmpty() || !OPEN.contains(ours.get().getStatus()) || endpoint.isEmpty()) {
                continue;
            }
            try {
                EhrResponse response = client.get(endpoint.get(), "Task/" + row.ehrId());
                if (!response.ok()) {
                    continue;
                }
                Task theirs = fhir.newJsonParser().parseResource(Task.class, response.body());
                if (ACKNOWLEDGING.contains(theirs.getStatus())) {
                    acknowledgements.acknowledge(new IdType("Task", row.id()), update(theirs));
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not read Task/{} at endpoint {}: {}", row.ehrId(), row.endpointId(), e.toString());
            }
        }
    }

    private static Task update(Task theirs) {
        Task update = new Task();
        update.setStatus(theirs.getStatus());
        if (theirs.hasOwner() && theirs.getOwner().hasDisplay()) {
            update.setOwner(new Reference().setDisplay(theirs.getOwner().getDisplay()));
        }
        theirs.getNote().forEach(update::addNote);
        return update;
    }
}
