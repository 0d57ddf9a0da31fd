package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

@Component
class QuestionnaireColumns implements SearchColumns<Questionnaire> {

    @Override
    public Class<Questionnaire> type() {
        return Questionnaire.class;
    }

    @Override
    public SearchValues extract(Questionnaire questionnaire) {
        return new SearchValues.Builder()
                .status(questionnaire.hasStatus() ? questionnaire.getStatus().toCode() : null)
                .identifiers(questionnaire.getIdentifier())
                .canonical(questionnaire.getUrl(), questionnaire.getVersion())
                .date(questionnaire.getDateElement())
                .build();
    }
}
