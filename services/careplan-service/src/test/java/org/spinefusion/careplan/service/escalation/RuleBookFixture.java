package org.spinefusion.careplan.service.escalation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.spinefusion.careplan.pathway.testing.Engines;

/** The response rules as the service compiles them, evaluated on flat answers without a server. */
final class RuleBookFixture {

    static final EscalationRules RULES = new EscalationRules(
            Engines.pathwayPackage(), EscalationRules.RESPONSE_RULES, new FhirPathConditions(Engines.FHIR));

    private RuleBookFixture() {}

    /** The rules that fire on these answers (linkId to answer), highest priority first; no previous response. */
    static List<EscalationRule> firing(Map<String, Object> answers) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        answers.forEach((linkId, answer) ->
                response.addItem().setLinkId(linkId).addAnswer().setValue(SymptomChecks.value(answer)));
        Map<String, Base> variables = new HashMap<>();
        variables.put("response", response);
        variables.put("previous", null);
        return RULES.firing(response, variables);
    }
}
