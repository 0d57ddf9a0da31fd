package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Reference;

/**
 * Everything an escalation's messages are made from.
 *
 * @param rules the findings it is raised for, highest priority first; the first decides priority and instruction
 * @param about what triggered it: the response (versioned) and the Observations recorded from it
 * @param facts short clinician-facing lines (measured values), shown in the alert
 * @param ruleSet the rule definition, named as the Provenance source
 */
record EscalationDraft(
        String id,
        EpisodeFacts episode,
        List<EscalationRule> rules,
        List<Reference> about,
        List<String> facts,
        EscalationRules ruleSet,
        Instant now) {

    EscalationRule lead() {
        return rules.get(0);
    }

    Priority priority() {
        return lead().priority();
    }

    /** The care-team roles it goes to, in order: the lead rule's, then the configured climb chain. */
    List<String> ladder(List<String> climbTo) {
        java.util.LinkedHashSet<String> ladder = new java.util.LinkedHashSet<>();
        for (EscalationRule rule : rules) {
            if (rule == lead() || ladder.isEmpty()) {
                rule.roles().stream()
                        .filter(role -> !role.equals(EscalationRule.PATIENT) && !role.equals("emergency-services"))
                        .forEach(ladder::add);
            }
        }
        ladder.addAll(climbTo);
        return List.copyOf(ladder);
    }
}
