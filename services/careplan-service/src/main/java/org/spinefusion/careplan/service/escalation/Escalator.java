package org.spinefusion.careplan.service.escalation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Raises and climbs escalations inside the caller's transaction: the messages, the acknowledgement Task, the
 * Provenance, the state row and the acknowledgement-window job commit together or not at all (db-scheduler's starter
 * wraps the DataSource in a {@code TransactionAwareDataSourceProxy}, so scheduling joins the Spring transaction).
 */
@Component
class Escalator {

    static final String ACK_WINDOW_TASK = "escalation-ack-window";

    private final ResourceRepository resources;
    private final EscalationStore store;
    private final EscalationMessages messages;
    private final EscalationPolicy policy;
    private final SchedulerClient scheduler;
    private final EscalationMetrics metrics;
    private final EscalationWording wording;

    Escalator(
            ResourceRepository resources,
            EscalationStore store,
            EscalationMessages messages,
            EscalationPolicy policy,
            SchedulerClient scheduler,
            EscalationMetrics metrics,
            EscalationWording wording) {
        this.resources = resources;
        this.store = store;
        this.messages = messages;
        this.policy = policy;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.wording = wording;
    }

    /** Sends the escalation to the first recipient (and the patient) and starts its acknowledgement window. */
    List<Resource> raise(EscalationDraft draft, String source) {
        List<String> ladder = draft.ladder(policy.climbTo());
        Duration window = policy.ackWindow(draft.priority());
        Instant deadline = draft.now().plus(window);
        Communication alert = messages.alert(draft, ladder, 0, window);
        List<Resource> written = new ArrayList<>();
        written.add(alert);
        if (messages.tellsPatient(draft)) {
            written.add(messages.patientInstruction(draft));
        }
        Task task = messages.acknowledgementTask(draft, alert, ladder.get(0), deadline);
        written.add(task);
        resources.saveAll(written);
        Provenance provenance = EscalationProvenance.of(
                wording,
                draft.id() + "-prov-0",
                written,
                draft.about(),
                draft.ruleSet(),
                source,
                draft.now(),
                wording.text(
                        Text.PROVENANCE_RAISED,
                        Map.of(
                                "rules",
                                String.join(
                                        ", ",
                                        draft.rules().stream()
                                                .map(EscalationRule::id)
                                                .toList()),
                                "trigger",
                                draft.about().get(0).getReference())));
        resources.saveAll(List.of(provenance));
        written.add(provenance);
        store.open(
                new OpenEscalation(
                        draft.id(),
                        draft.episode().episodeKey(),
                        draft.episode().patientReference(),
                        draft.episode().carePlanId(),
                        draft.priority(),
                        ladder,
                        0,
                        List.of(alert.getIdPart()),
                        task.getIdPart(),
                        draft.about().get(0).getReference(),
                        OpenEscalation.OPEN,
                        draft.now()),
                draft.rules());
        scheduleWindow(draft.id(), 0, deadline);
        metrics.raised(draft.priority());
        return written;
    }

    /**
     * Climbs one step when the escalation is still open: a new alert to the next role, the Task handed over, a
     * Provenance naming the unanswered alert, and the next window. Runs in the caller's transaction.
     *
     * @return the new alert, or null when there was nothing to do (acknowledged, resolved, or already climbed)
     */
    Communication climbIfUnacknowledged(String escalationId, int fromLevel, Instant now) {
        OpenEscalation escalation = store.lock(escalationId).orElse(null);
        if (escalation == null || !escalation.isOpen() || escalation.level() != fromLevel || !escalation.canClimb()) {
            return null;
        }
        int level = fromLevel + 1;
        Duration window = policy.ackWindow(escalation.priority());
        Communication previous = (Communication) resources
                .readCurrent("Communication", escalation.alertIds().get(fromLevel))
                .orElseThrow();
        Task task = (Task) resources.readCurrent("Task", escalation.taskId()).orElseThrow();
        Communication alert = climbedAlert(previous, escalation, level, window, now);
        messages.reassign(task, alert, escalation.ladder().get(level), now.plus(window), now);
        List<Resource> written = List.of(alert, task);
        resources.saveAll(written);
        Provenance provenance = EscalationProvenance.of(
                wording,
                escalationId + "-prov-" + level,
                written,
                List.of(versioned(previous), new Reference(escalation.triggerRef())),
                null,
                null,
                now,
                wording.text(
                        Text.PROVENANCE_CLIMBED,
                        Map.of(
                                "from", messages.name(escalation.ladder().get(fromLevel)),
                                "priority", escalation.priority().code(),
                                "to", messages.name(escalation.ladder().get(level)))));
        resources.saveAll(List.of(provenance));
        List<String> alertIds = new ArrayList<>(escalation.alertIds());
        alertIds.add(alert.getIdPart());
        store.climbed(escalationId, level, alertIds);
        scheduleWindow(escalationId, level, now.plus(window));
        metrics.climbed(escalation.priority());
        return alert;
    }

    private Communication climbedAlert(
            Communication previous, OpenEscalation escalation, int level, Duration window, Instant now) {
        Communication alert = previous.copy();
        String id = escalation.id() + "-alert-" + level;
        alert.setId(id);
        alert.setMeta(null);
        alert.getMeta().addProfile(previous.getMeta().getProfile().get(0).getValue());
        alert.getIdentifierFirstRep().setValue(escalation.episodeKey() + "#" + id);
        alert.getRecipient().clear();
        alert.addRecipient(messages.roleReference(escalation.ladder().get(level)));
        alert.setSent(java.util.Date.from(now));
        alert.addPartOf(new Reference("Communication/" + previous.getIdPart()));
        String was = previous.getPayloadFirstRep().getContentStringType().getValue();
        String text =
                messages.notAcknowledged(escalation.ladder().get(level - 1), policy.ackWindow(escalation.priority()))
                        + " " + was;
        alert.getPayload().clear();
        alert.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(text));
        alert.setText(org.spinefusion.careplan.pathway.narrative.Xhtml.div()
                .heading(messages.climbedHeading(escalation.ladder().get(level)))
                .paragraph(text)
                .toNarrative());
        return alert;
    }

    private static Reference versioned(Resource resource) {
        return new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history/"
                + resource.getMeta().getVersionId());
    }

    private void scheduleWindow(String escalationId, int level, Instant deadline) {
        scheduler.schedule(new TaskInstance<Void>(ACK_WINDOW_TASK, escalationId + "/" + level), deadline);
    }
}
