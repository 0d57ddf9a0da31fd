package org.spinefusion.careplan.service.escalation;

import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * A response that passed intake, with what it answers.
 *
 * @param baseQuestionnaireId the id of the base Questionnaire the tailored one derives from (for example {@code
 *     postop-symptom-check}), which decides what the response drives
 */
record AcceptedResponse(
        QuestionnaireResponse response, Questionnaire questionnaire, EpisodeFacts episode, String baseQuestionnaireId) {

    static final String SYMPTOM_CHECK = "postop-symptom-check";
    static final String MILESTONE_CHECK_IN = "milestone-checkin";

    boolean isSymptomCheck() {
        return SYMPTOM_CHECK.equals(baseQuestionnaireId);
    }

    boolean isMilestoneCheckIn() {
        return MILESTONE_CHECK_IN.equals(baseQuestionnaireId);
    }
}
