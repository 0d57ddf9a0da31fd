package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acknowledgement: the care team (or the EHR on its behalf) updates the escalation's Task to {@code accepted},
 * {@code in-progress} or {@code completed}. Only status, owner and notes are taken from the update; the rest of the
 * Task is the service's. The escalation closes, so it stops climbing.
 */
@Service
public class Acknowledgements {

    private static final Set<TaskStatus> ACKNOWLEDGING =
            Set.of(TaskStatus.ACCEPTED, TaskStatus.INPROGRESS, TaskStatus.COMPLETED);

    private final EscalationStore store;
    private final ResourceRepository resources;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final EscalationWording wording;

    Acknowledgements(
            EscalationStore store,
            ResourceRepository resources,
            TransactionTemplate transaction,
            Clock clock,
            EscalationWording wording) {
        this.wording = wording;
        this.store = store;
        this.resources = resources;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Also called by delivery for an acknowledgement made on the EHR's copy of the Task. */
    public Task acknowledge(IdType id, Task update) {
        if (update.hasIdElement()
                && update.getIdElement().hasIdPart()
                && !update.getIdElement().getIdPart().equals(id.getIdPart())) {
            throw new InvalidRequestException("the Task's id differs from the id in the URL");
        }
        if (!ACKNOWLEDGING.contains(update.getStatus())) {
            throw new UnprocessableEntityException("an escalation Task can only be moved to accepted, in-progress or"
                    + " completed (which acknowledge the escalation)");
        }
        return transaction.execute(status -> acknowledgeLocked(id, update));
    }

    private Task acknowledgeLocked(IdType id, Task update) {
        OpenEscalation escalation = store.lockByTask(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(new IdType("Task", id.getIdPart())));
        Task task = (Task) resources.readCurrent("Task", id.getIdPart()).orElseThrow();
        if (id.hasVersionIdPart()
                && !id.getVersionIdPart().equals(task.getMeta().getVersionId())) {
            throw new PreconditionFailedException("the Task has changed since version " + id.getVersionIdPart());
        }
        Instant now = clock.instant();
        task.setStatus(update.getStatus());
        if (update.hasOwner()) {
            task.setOwner(update.getOwner());
        }
        update.getNote().forEach(task::addNote);
        task.setLastModified(Date.from(now));
        task.setText(Xhtml.div()
                .heading(task.getCode().getText())
                .field(wording.text(Text.PRIORITY_LABEL), task.getPriority().toCode())
                .field(wording.text(Text.STATUS_LABEL), update.getStatus().toCode())
                .field(wording.text(Text.ACKNOWLEDGED_BY_LABEL), displayOrReference(task.getOwner()))
                .toNarrative());
        resources.saveAll(List.of(task));
        if (escalation.isOpen()) {
            store.close(escalation.id(), OpenEscalation.ACKNOWLEDGED, now);
            Provenance provenance = EscalationProvenance.of(
                    wording,
                    escalation.id() + "-prov-ack",
                    List.of(task),
                    List.of(new Reference(
                            "Communication/" + escalation.alertIds().get(escalation.level()))),
                    null,
                    update.hasOwner() ? referenceText(update.getOwner()) : null,
                    now,
                    wording.text(Text.PROVENANCE_ACKNOWLEDGED));
            resources.saveAll(List.of(provenance));
        }
        return task;
    }

    private static String displayOrReference(Reference reference) {
        return reference.hasDisplay() ? reference.getDisplay() : reference.getReference();
    }

    private static String referenceText(Reference reference) {
        return reference.hasReference() ? reference.getReference() : reference.getDisplay();
    }
}
