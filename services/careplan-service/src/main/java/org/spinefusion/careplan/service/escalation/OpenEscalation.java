package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.util.List;

/**
 * An escalation as the state table keeps it.
 *
 * @param ladder the care-team roles it goes to, in order; {@code level} indexes the current one
 * @param alertIds the care-team Communications sent so far, one per level
 * @param triggerRef the versioned reference of what raised it (a QuestionnaireResponse or an Observation)
 */
record OpenEscalation(
        String id,
        String episodeKey,
        String patientReference,
        String carePlanId,
        Priority priority,
        List<String> ladder,
        int level,
        List<String> alertIds,
        String taskId,
        String triggerRef,
        String status,
        Instant opened) {

    static final String OPEN = "open";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String RESOLVED = "resolved";

    boolean isOpen() {
        return OPEN.equals(status);
    }

    boolean canClimb() {
        return level + 1 < ladder.size();
    }
}
