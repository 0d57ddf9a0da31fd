package org.spinefusion.careplan.pathway.definition;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * A recovery milestone of the pathway, read from {@code PlanDefinition.goal}.
 *
 * @param id the goal's element id (part of the Goal identifier)
 * @param due when it is expected, from the surgery date
 * @param dueWith actions whose window end sets the due date instead, the first that applies to the episode
 */
public record GoalDefinition(
        String id,
        CodeableConcept category,
        CodeableConcept description,
        CodeableConcept priority,
        Offset due,
        List<String> dueWith) {}
