package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.stereotype.Component;

/** The answered Questionnaire's canonical goes into refs, so responses can be found by questionnaire. */
@Component
class QuestionnaireResponseColumns implements SearchColumns<QuestionnaireResponse> {

    @Override
    public Class<QuestionnaireResponse> type() {
        return QuestionnaireResponse.class;
    }

    @Override
    public SearchValues extract(QuestionnaireResponse response) {
        SearchValues.Builder values = new SearchValues.Builder()
                .subject(response.getSubject())
                .status(response.hasStatus() ? response.getStatus().toCode() : null)
                .date(response.getAuthoredElement())
                .refs(response.getBasedOn())
                .refValue(response.getQuestionnaire());
        if (response.hasIdentifier()) {
            values.identifier(response.getIdentifier());
        }
        return values.build();
    }
}
