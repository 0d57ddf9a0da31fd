package org.spinefusion.careplan.service.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;
import org.springframework.stereotype.Component;

/**
 * Makes the escalation's resources: the care team's alert (short enough to take in at a glance: priority, what was
 * found, the measured values, what the patient was told, and how to acknowledge), the patient's instruction, and the
 * Task the care team completes to acknowledge.
 */
@Component
class EscalationMessages {

    static final String EXT_ESCALATION_RULE = Canonicals.BASE + "/StructureDefinition/escalation-rule";
    static final String ID_ESCALATION = Canonicals.BASE + "/identifier/escalation";
    static final String ID_ROLE = Canonicals.BASE + "/identifier/care-team-role";

    private final Map<String, String> roleNames = new HashMap<>();
    private final EscalationWording wording;

    EscalationMessages(PathwayPackage pathwayPackage, EscalationWording wording) {
        this.wording = wording;
        pathwayPackage
                .byCanonical(Canonicals.CS_CARE_TEAM_ROLE, CodeSystem.class)
                .ifPresent(roles -> roles.getConcept().forEach(c -> roleNames.put(c.getCode(), c.getDisplay())));
    }

    Communication alert(EscalationDraft draft, List<String> ladder, int level, Duration window) {
        String role = ladder.get(level);
        Communication alert = base(draft, draft.id() + "-alert-" + level, "alert");
        alert.addRecipient(roleReference(role));
        String headline = wording.text(
                Text.ALERT_HEADLINE,
                Map.of(
                        "priority",
                        draft.priority().code().toUpperCase(Locale.ROOT),
                        "finding",
                        draft.lead().title()));
        String alsoFound = String.join(
                "; ",
                draft.rules().subList(1, draft.rules().size()).stream()
                        .map(EscalationRule::title)
                        .toList());
        StringBuilder text =
                new StringBuilder(headline).append(". ").append(draft.lead().summary());
        if (draft.rules().size() > 1) {
            text.append(' ').append(wording.text(Text.ALERT_ALSO, "findings", alsoFound));
        }
        if (!draft.facts().isEmpty()) {
            text.append(' ').append(wording.text(Text.ALERT_REPORTED, "facts", String.join(", ", draft.facts())));
        }
        if (level > 0) {
            text.append(' ').append(notAcknowledged(ladder.get(level - 1), window));
        }
        Map<String, String> acknowledge = Map.of("window", minutes(window), "task", taskId(draft));
        text.append(' ').append(wording.text(Text.ACKNOWLEDGE_WITHIN, acknowledge));
        alert.addPayload().setContent(new StringType(text.toString()));
        alert.setText(Xhtml.div()
                .heading(headline)
                .paragraph(draft.lead().summary())
                .field(wording.text(Text.ALERT_ALSO_LABEL), alsoFound)
                .field(wording.text(Text.REPORTED_LABEL), String.join(", ", draft.facts()))
                .field(wording.text(Text.FOR_LABEL), name(role))
                .field(
                        wording.text(Text.PATIENT_TOLD_LABEL),
                        draft.lead().tellsPatient() ? draft.lead().patientText() : null)
                .field(wording.text(Text.ACKNOWLEDGE_LABEL), wording.text(Text.ACKNOWLEDGE_FIELD, acknowledge))
                .toNarrative());
        return alert;
    }

    /** The patient's instruction: what the most urgent finding the patient is told about says to do now. */
    Communication patientInstruction(EscalationDraft draft) {
        EscalationRule lead = draft.rules().stream()
                .filter(EscalationRule::tellsPatient)
                .findFirst()
                .orElseThrow();
        Communication instruction = base(draft, draft.id() + "-patient", "instruction");
        instruction.addRecipient(new Reference(draft.episode().patientReference()));
        instruction.addPayload().setContent(new StringType(lead.patientText()));
        instruction.setText(Xhtml.div()
                .heading(wording.text(Text.PATIENT_HEADING))
                .paragraph(lead.patientText())
                .toNarrative());
        return instruction;
    }

    boolean tellsPatient(EscalationDraft draft) {
        return draft.rules().stream().anyMatch(EscalationRule::tellsPatient);
    }

    Task acknowledgementTask(EscalationDraft draft, Communication alert, String role, Instant deadline) {
        Task task = new Task();
        task.setId(taskId(draft));
        task.addIdentifier(identifier(draft.episode().episodeKey() + "#" + draft.id()));
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setPriority(Task.TaskPriority.fromCode(draft.priority().code()));
        task.setCode(new CodeableConcept(purpose(draft)).setText(wording.text(Text.TASK_TITLE)));
        task.setDescription(alert.getPayloadFirstRep().getContentStringType().getValue());
        task.setFocus(new Reference("Communication/" + alert.getIdPart()));
        task.setFor(new Reference(draft.episode().patientReference()));
        task.addBasedOn(new Reference("CarePlan/" + draft.episode().carePlanId()));
        task.setAuthoredOn(Date.from(draft.now()));
        task.setLastModified(Date.from(draft.now()));
        task.setOwner(roleReference(role));
        task.getRestriction().setPeriod(new Period().setEnd(Date.from(deadline)));
        task.setText(Xhtml.div()
                .heading(wording.text(Text.TASK_HEADING, "finding", draft.lead().title()))
                .field(wording.text(Text.PRIORITY_LABEL), draft.priority().code())
                .field(wording.text(Text.FOR_LABEL), name(role))
                .field(wording.text(Text.STATUS_LABEL), Task.TaskStatus.REQUESTED.toCode())
                .toNarrative());
        return task;
    }

    /** Moves the Task to the next recipient after a climb. */
    void reassign(Task task, Communication alert, String role, Instant deadline, Instant now) {
        task.setFocus(new Reference("Communication/" + alert.getIdPart()));
        task.setOwner(roleReference(role));
        task.setLastModified(Date.from(now));
        task.getRestriction().setPeriod(new Period().setEnd(Date.from(deadline)));
        task.setDescription(alert.getPayloadFirstRep().getContentStringType().getValue());
        task.setText(Xhtml.div()
                .heading(task.getCode().getText())
                .field(wording.text(Text.PRIORITY_LABEL), task.getPriority().toCode())
                .field(wording.text(Text.FOR_LABEL), name(role))
                .field(
                        wording.text(Text.STATUS_LABEL),
                        wording.text(
                                Text.STATUS_CLIMBED, "status", task.getStatus().toCode()))
                .toNarrative());
    }

    /** "Not acknowledged by (role) within (window).", in the wording's words. */
    String notAcknowledged(String role, Duration window) {
        return wording.text(Text.NOT_ACKNOWLEDGED, Map.of("role", name(role), "window", minutes(window)));
    }

    /** The heading of an alert that climbed to {@code role}. */
    String climbedHeading(String role) {
        return wording.text(Text.CLIMBED_HEADING, "role", name(role));
    }

    String name(String role) {
        return roleNames.getOrDefault(role, role);
    }

    static String taskId(EscalationDraft draft) {
        return draft.id() + "-ack";
    }

    private Communication base(EscalationDraft draft, String id, String category) {
        Communication message = new Communication();
        message.setId(id);
        message.getMeta().addProfile(Canonicals.PROFILE_ESCALATION);
        message.addIdentifier(identifier(draft.episode().episodeKey() + "#" + id));
        message.setStatus(Communication.CommunicationStatus.COMPLETED);
        message.addCategory(new CodeableConcept(new Coding(Canonicals.HL7_COMMUNICATION_CATEGORY, category, null)));
        message.addCategory(new CodeableConcept(purpose(draft)));
        message.setPriority(draft.priority().fhir);
        message.setSubject(new Reference(draft.episode().patientReference()));
        message.addBasedOn(new Reference("CarePlan/" + draft.episode().carePlanId()));
        draft.about().forEach(about -> message.addAbout(about.copy()));
        message.setSent(Date.from(draft.now()));
        Map<String, CodeableConcept> reasons = new LinkedHashMap<>();
        for (EscalationRule rule : draft.rules()) {
            message.addExtension(EXT_ESCALATION_RULE, new IdType(rule.id()));
            rule.reasons().forEach(reason -> reasons.putIfAbsent(key(reason), reason.copy()));
        }
        reasons.values().forEach(message::addReasonCode);
        return message;
    }

    private static Coding purpose(EscalationDraft draft) {
        Coding coding = draft.lead().purpose().getCodingFirstRep();
        return new Coding(coding.getSystem(), coding.getCode(), coding.getDisplay());
    }

    Reference roleReference(String role) {
        return new Reference()
                .setType("PractitionerRole")
                .setIdentifier(new Identifier().setSystem(ID_ROLE).setValue(role))
                .setDisplay(name(role));
    }

    private static Identifier identifier(String value) {
        return new Identifier().setSystem(ID_ESCALATION).setValue(value);
    }

    private static String key(CodeableConcept concept) {
        Coding coding = concept.getCodingFirstRep();
        return coding.getSystem() + "|" + coding.getCode();
    }

    static String minutes(Duration window) {
        long minutes = window.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : minutes + " min";
    }
}
