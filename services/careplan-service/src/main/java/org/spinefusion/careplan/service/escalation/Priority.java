package org.spinefusion.careplan.service.escalation;

import org.hl7.fhir.r4.model.Communication.CommunicationPriority;

/** The request priorities of FHIR in the order the rules rank them: asap ranks above urgent. */
enum Priority {
    ROUTINE(CommunicationPriority.ROUTINE),
    URGENT(CommunicationPriority.URGENT),
    ASAP(CommunicationPriority.ASAP),
    STAT(CommunicationPriority.STAT);

    final CommunicationPriority fhir;

    Priority(CommunicationPriority fhir) {
        this.fhir = fhir;
    }

    int rank() {
        return ordinal();
    }

    String code() {
        return fhir.toCode();
    }

    static Priority of(String code) {
        for (Priority priority : values()) {
            if (priority.code().equals(code)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("unknown priority " + code);
    }
}
