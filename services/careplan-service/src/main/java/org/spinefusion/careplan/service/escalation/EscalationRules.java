package org.spinefusion.careplan.service.escalation;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.TimeType;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;

/**
 * The rules of one escalation PlanDefinition, compiled once: every condition is parsed when the rules load, so a
 * broken artifact stops the service at start-up instead of failing a patient's response.
 */
final class EscalationRules {

    static final String RESPONSE_RULES = Canonicals.BASE + "/PlanDefinition/spinal-fusion-escalation";
    static final String TIMED_RULES = Canonicals.BASE + "/PlanDefinition/spinal-fusion-timed-escalation";
    static final String EXT_DAILY_SCAN_TIME = Canonicals.BASE + "/StructureDefinition/daily-scan-time";

    private final PlanDefinition definition;
    private final List<EscalationRule> rules;
    private final FhirPathConditions conditions;

    EscalationRules(PathwayPackage pathwayPackage, String canonical, FhirPathConditions conditions) {
        this.definition = pathwayPackage
                .byCanonical(canonical, PlanDefinition.class)
                .orElseThrow(() -> new IllegalStateException("the pathway package has no " + canonical));
        this.conditions = conditions;
        this.rules = definition.getAction().stream().map(EscalationRules::read).toList();
        rules.forEach(rule -> conditions.parse(rule.condition()));
    }

    List<EscalationRule> all() {
        return rules;
    }

    /** The definition's {@code url|version}, which Provenance names as the source of an escalation. */
    String canonicalVersion() {
        return definition.getUrl() + "|" + definition.getVersion();
    }

    String definitionId() {
        return definition.getIdElement().getIdPart();
    }

    /**
     * The clinic-local time at which a daily job evaluates these rules (extension {@code daily-scan-time}); clinical
     * policy, so it is the artifact's, and rules meant for a daily job without one stop the service at start-up.
     */
    LocalTime dailyScanTime() {
        Extension time = definition.getExtensionByUrl(EXT_DAILY_SCAN_TIME);
        if (time == null || !(time.getValue() instanceof TimeType value) || !value.hasValue()) {
            throw new IllegalStateException(definition.getUrl() + " has no " + EXT_DAILY_SCAN_TIME);
        }
        return LocalTime.parse(value.getValue());
    }

    /** The rules whose condition holds, highest priority first (ties in the artifact's order). */
    List<EscalationRule> firing(Base focus, Map<String, ? extends Base> variables) {
        return rules.stream()
                .filter(rule -> conditions.isTrue(rule.condition(), focus, variables))
                .sorted(Comparator.comparing(EscalationRule::priority).reversed())
                .toList();
    }

    private static EscalationRule read(PlanDefinitionActionComponent action) {
        List<String> roles = action.getParticipant().stream()
                .map(p -> p.getRole().getCodingFirstRep().getCode())
                .toList();
        return new EscalationRule(
                action.getId(),
                action.getTitle(),
                Priority.of(action.getPriority().toCode()),
                action.getConditionFirstRep().getExpression().getExpression(),
                roles,
                action.getTextEquivalent(),
                action.getDescription(),
                action.getReason().stream().map(CodeableConcept::copy).toList(),
                action.getCodeFirstRep().copy());
    }
}
