package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two rule sets, compiled once at start-up over one FHIRPath evaluator. */
@Configuration(proxyBeanMethods = false)
class EscalationConfiguration {

    @Bean
    RuleBook escalationRuleBook(FhirContext fhirContext, PathwayPackage pathwayPackage) {
        FhirPathConditions conditions = new FhirPathConditions(fhirContext);
        return new RuleBook(
                new EscalationRules(pathwayPackage, EscalationRules.RESPONSE_RULES, conditions),
                new EscalationRules(pathwayPackage, EscalationRules.TIMED_RULES, conditions));
    }

    /** The acknowledgement windows and the climb, from the response rules' artifact. */
    @Bean
    EscalationPolicy escalationPolicy(PathwayPackage pathwayPackage) {
        return EscalationPolicy.of(pathwayPackage
                .byCanonical(EscalationRules.RESPONSE_RULES, PlanDefinition.class)
                .orElseThrow(() ->
                        new IllegalStateException("the pathway package has no " + EscalationRules.RESPONSE_RULES)));
    }

    /** The fixed wording of alerts, Tasks, Provenance and refusals. */
    @Bean
    EscalationWording escalationWording(PathwayPackage pathwayPackage) {
        return EscalationWording.of(pathwayPackage
                .byCanonical(EscalationWording.CODE_SYSTEM, CodeSystem.class)
                .orElseThrow(() ->
                        new IllegalStateException("the pathway package has no " + EscalationWording.CODE_SYSTEM)));
    }

    /**
     * @param responses the response-driven rules (PlanDefinition spinal-fusion-escalation)
     * @param timed the timed rules (PlanDefinition spinal-fusion-timed-escalation), run only by the daily scan
     */
    record RuleBook(EscalationRules responses, EscalationRules timed) {}
}
