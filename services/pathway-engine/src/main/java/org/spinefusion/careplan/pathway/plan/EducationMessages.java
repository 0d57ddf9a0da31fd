package org.spinefusion.careplan.pathway.plan;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.narrative.Dates;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/**
 * The patient-education messages of the plan, as Communications in status {@code preparation} with the time they
 * are to be sent. They become {@code completed} when delivered, and {@code not-done} when the plan no longer
 * needs them.
 */
final class EducationMessages {

    Communication message(PlanContext plan, ScheduledAction scheduled, MessageTimetable.Slot slot, Reference carePlan) {
        ActivityDefinition definition = scheduled.action().activityDefinition();
        String actionId = scheduled.action().id();
        Communication message = new Communication();
        message.setId(plan.ids().communicationId(actionId));
        message.getMeta().addProfile(Canonicals.PROFILE_EDUCATION);
        message.addIdentifier(plan.ids().communicationIdentifier(actionId));
        message.addInstantiatesCanonical(scheduled.action().definitionCanonical());
        message.addBasedOn(carePlan);
        if (plan.cancelled()) {
            message.setStatus(Communication.CommunicationStatus.NOTDONE);
            message.setStatusReason(new CodeableConcept().setText("The surgery was cancelled"));
        } else if (!slot.sent()) {
            message.setStatus(Communication.CommunicationStatus.NOTDONE);
            message.setStatusReason(new CodeableConcept().setText(slot.notSentReason()));
        } else {
            message.setStatus(Communication.CommunicationStatus.PREPARATION);
        }
        message.addCategory(new CodeableConcept()
                .addCoding(new Coding(Canonicals.HL7_COMMUNICATION_CATEGORY, "instruction", "Instruction")));
        message.addCategory(new CodeableConcept()
                .addCoding(new Coding(Canonicals.CS_COMMUNICATION_PURPOSE, "education", "Patient education")));
        message.setPriority(Communication.CommunicationPriority.ROUTINE);
        message.setSubject(plan.patient());
        message.addRecipient(plan.patient());
        if (definition.hasCode()) {
            message.setTopic(definition.getCode().copy());
        }
        message.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(definition.getDescription()));
        Xhtml text = Xhtml.div().heading("Patient message: " + definition.getTitle());
        ZonedDateTime sendAt = slot.sendAt();
        DateTimeType planned = new DateTimeType(
                Date.from(sendAt.toInstant()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(sendAt.getZone()));
        message.addExtension(Canonicals.EXT_PLANNED_SEND_TIME, planned);
        text.field(
                slot.sent() ? "Planned for" : "Was due",
                Dates.day(sendAt.toLocalDate()) + " at " + sendAt.toLocalTime());
        message.setText(text.field("Status", status(plan, slot))
                .paragraph(definition.getDescription())
                .toNarrative());
        return message;
    }

    private static String status(PlanContext plan, MessageTimetable.Slot slot) {
        if (plan.cancelled()) {
            return "not sent: surgery cancelled";
        }
        if (!slot.sent()) {
            return slot.notSentReason();
        }
        return slot.catchUp() ? "planned, as a catch-up: its usual time had passed when the plan was made" : "planned";
    }
}
