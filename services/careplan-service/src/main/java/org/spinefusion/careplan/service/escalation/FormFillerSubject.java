package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.stereotype.Component;

/**
 * Gives a submitted response without a subject the patient of its Questionnaire's episode, before the SMART write
 * check runs (order -10, ahead of it), so a form filler's response from a patient app is judged by whose it is.
 */
@Component
@Interceptor
class FormFillerSubject {

    private final ResponseIntake intake;

    FormFillerSubject(ResponseIntake intake) {
        this.intake = intake;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -10)
    public void fillSubject(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.CREATE
                && request.getResource() instanceof QuestionnaireResponse response) {
            intake.fillSubject(response);
        }
    }
}
