package org.spinefusion.careplan.service.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final EscalationPolicy policy;

    EscalationMessages(PathwayPackage pathwayPackage, EscalationPolicy policy) {
        this.policy = policy;
        pathwayPackage
                .byCanonical(Canonicals.CS_CARE_TEAM_ROLE, CodeSystem.class)
                .ifPresent(roles -> roles.getConcept().forEach(c -> roleNames.put(c.getCode(), c.getDisplay())));
    }

    Communication alert(EscalationDraft draft, List<String> ladder, int level, Duration window) {
        String role = ladder.get(level);
        Communication alert = base(draft, draft.id() + "-alert-" + level, "alert");
        alert.addRecipient(roleReference(role));
        String headline =
                draft.priority().code().toUpperCase() + ": " + draft.lead().title();
        StringBuilder text =
                new StringBuilder(headline).append(". ").append(draft.lead().summary());
        if (draft.rules().size() > 1) {
            text.append(" Also: ")
                    .append(String.join(
                            "; ",
                            draft.rules().subList(1, draft.rules().size()).stream()
                                    .map(EscalationRule::title)
                                    .toList()))
                    .append('.');
        }
        if (!draft.facts().isEmpty()) {
            text.append(" Reported: ").append(String.join(", ", draft.facts())).append('.');
        }
        if (level > 0) {
            text.append(' ').append(notAcknowledged(ladder.get(level - 1), window));
        }
        text.append(' ')
                .append(policy.text(
                        EscalationPolicy.ACKNOWLEDGE_WITHIN, Map.of("window", minutes(window), "task", taskId(draft))));
        alert.addPayload().setContent(new StringType(text.toString()));
        alert.setText(Xhtml.div()
                .heading(headline)
                .paragraph(draft.lead().summary())
                .field(
                        "Also found",
                        String.join(
                                "; ",
                                draft.rules().subList(1, draft.rules().size()).stream()
                                        .map(EscalationRule::title)
                                        .toList()))
                .field("Reported", String.join(", ", draft.facts()))
                .field("For", name(role))
                .field(
                        "Patient told",
                        draft.lead().tellsPatient() ? draft.lead().patientText() : null)
                .field("Acknowledge", "Task/" + taskId(draft) + " (accepted) within " + minutes(window))
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
                .heading(policy.text(EscalationPolicy.PATIENT_HEADING, Map.of()))
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
        task.setCode(new CodeableConcept(purpose(draft)).setText("Acknowledge escalation"));
        task.setDescription(alert.getPayloadFirstRep().getContentStringType().getValue());
        task.setFocus(new Reference("Communication/" + alert.getIdPart()));
        task.setFor(new Reference(draft.episode().patientReference()));
        task.addBasedOn(new Reference("CarePlan/" + draft.episode().carePlanId()));
        task.setAuthoredOn(Date.from(draft.now()));
        task.setLastModified(Date.from(draft.now()));
        task.setOwner(roleReference(role));
        task.getRestriction().setPeriod(new Period().setEnd(Date.from(deadline)));
        task.setText(Xhtml.div()
                .heading("Acknowledge: " + draft.lead().title())
                .field("Priority", draft.priority().code())
                .field("For", name(role))
                .field("Status", "requested")
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
                .field("Priority", task.getPriority().toCode())
                .field("For", name(role))
                .field("Status", "requested (climbed)")
                .toNarrative());
    }

    /** "Not acknowledged by (role) within (window).", in the policy's words. */
    String notAcknowledged(String role, Duration window) {
        return policy.text(EscalationPolicy.NOT_ACKNOWLEDGED, Map.of("role", name(role), "window", minutes(window)));
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
