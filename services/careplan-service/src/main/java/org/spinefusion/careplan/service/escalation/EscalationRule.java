package org.spinefusion.careplan.service.escalation;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * One action of an escalation PlanDefinition, read once.
 *
 * @param roles the recipients' care-team roles in the rule's order, the patient included
 * @param patientText what the patient is told to do now (textEquivalent)
 * @param summary the clinician's one-line summary (description)
 */
record EscalationRule(
        String id,
        String title,
        Priority priority,
        String condition,
        List<String> roles,
        String patientText,
        String summary,
        List<CodeableConcept> reasons,
        CodeableConcept purpose) {

    static final String PATIENT = "patient";

    boolean tellsPatient() {
        return roles.contains(PATIENT);
    }
}
