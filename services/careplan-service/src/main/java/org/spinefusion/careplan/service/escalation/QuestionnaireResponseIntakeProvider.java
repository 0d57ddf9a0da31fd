package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/QuestionnaireResponse}: the one way responses come in, from SMART apps and EHRs alike (an EHR
 * says so in {@code meta.source}). Returns 201 once the response and any escalation it raised are committed.
 */
@Component
class QuestionnaireResponseIntakeProvider implements IResourceProvider {

    private final ResponseProcessor processor;

    QuestionnaireResponseIntakeProvider(ResponseProcessor processor) {
        this.processor = processor;
    }

    @Override
    public Class<QuestionnaireResponse> getResourceType() {
        return QuestionnaireResponse.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam QuestionnaireResponse response) {
        QuestionnaireResponse stored = processor.create(response);
        return new MethodOutcome(stored.getIdElement(), true).setResource(stored);
    }
}
