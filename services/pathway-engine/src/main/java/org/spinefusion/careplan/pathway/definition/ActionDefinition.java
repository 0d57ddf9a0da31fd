package org.spinefusion.careplan.pathway.definition;

import java.util.List;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Timing;

/**
 * One activity of the pathway, read from a nested PlanDefinition action.
 *
 * @param id the action's element id, stable across versions (part of the activity identifier)
 * @param phase the phase it belongs to
 * @param code what it is
 * @param offset when, relative to the surgery date
 * @param repeat how often within the window, or null for once
 * @param performerRole who does it (care-team-role code display)
 * @param activityDefinition the definition, when it is an ActivityDefinition
 * @param questionnaire the definition, when it is a Questionnaire
 * @param goalIds the milestones it supports
 * @param conditions FHIRPath expressions over {@code %surgery}; all must hold
 */
public record ActionDefinition(
        String id,
        Phase phase,
        String title,
        String description,
        CodeableConcept code,
        Offset offset,
        Timing repeat,
        CodeableConcept performerRole,
        String participantType,
        ActivityDefinition activityDefinition,
        Questionnaire questionnaire,
        List<String> goalIds,
        List<String> conditions) {

    /** The id of the action that is the operation itself; every other action is timed from it. */
    public static final String SURGERY = "surgery";

    public boolean isEducation() {
        return activityDefinition != null
                && activityDefinition.getKind() == ActivityDefinition.ActivityDefinitionKind.COMMUNICATIONREQUEST;
    }

    public String definitionCanonical() {
        if (questionnaire != null) {
            return questionnaire.getUrl() + "|" + questionnaire.getVersion();
        }
        return activityDefinition.getUrl() + "|" + activityDefinition.getVersion();
    }

    /** A phase of the pathway (preparation, day of surgery, ...). */
    public record Phase(String id, String title, int order) {}
}
