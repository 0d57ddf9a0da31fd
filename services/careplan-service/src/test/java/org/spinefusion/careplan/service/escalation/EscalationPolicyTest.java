package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.testing.Engines;

/** The acknowledgement windows and the climb come from the escalation artifact, not from the service's settings. */
class EscalationPolicyTest {

    private static PlanDefinition rules() {
        return Engines.pathwayPackage()
                .byCanonical(EscalationRules.RESPONSE_RULES, PlanDefinition.class)
                .orElseThrow()
                .copy();
    }

    @Test
    void readsTheWindowsPerPriorityAndTheClimbFromTheEscalationPlanDefinition() {
        EscalationPolicy policy = EscalationPolicy.of(rules());
        assertThat(policy.ackWindow(Priority.STAT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.ackWindow(Priority.ASAP)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.ackWindow(Priority.URGENT)).isEqualTo(Duration.ofHours(4));
        assertThat(policy.ackWindow(Priority.ROUTINE)).isEqualTo(Duration.ofHours(24));
        assertThat(policy.climbTo()).containsExactly("surgeon-on-call");
    }

    @Test
    void aChangedWindowOrLadderInTheArtifactChangesTheDeadlineAndWhoIsNext() {
        PlanDefinition changed = rules();
        for (Extension part :
                changed.getExtensionByUrl(EscalationPolicy.EXTENSION).getExtension()) {
            if (part.getUrl().equals("urgent")) {
                part.setValue(new org.hl7.fhir.r4.model.Duration()
                        .setValue(2)
                        .setUnit("hours")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("h"));
            }
        }
        changed.getExtensionByUrl(EscalationPolicy.EXTENSION)
                .addExtension("climb-to", new Coding(Canonicals.CS_CARE_TEAM_ROLE, "surgeon", "Surgeon"));
        EscalationPolicy policy = EscalationPolicy.of(changed);

        assertThat(policy.ackWindow(Priority.URGENT)).isEqualTo(Duration.ofHours(2));
        EscalationDraft fever = new EscalationDraft(
                "esc-test",
                new EpisodeFacts("urn:test|ORD-1", "Patient/p-1", "cp-1", "active"),
                RuleBookFixture.firing(Map.of("temperature-taken", true, "temperature", 38.6)),
                List.of(),
                List.of(),
                RuleBookFixture.RULES,
                Instant.EPOCH);
        assertThat(fever.ladder(EscalationPolicy.of(rules()).climbTo()))
                .containsExactly("triage-nurse", "surgeon-on-call");
        assertThat(fever.ladder(policy.climbTo())).containsExactly("triage-nurse", "surgeon-on-call", "surgeon");
    }

    @Test
    void refusesToStartWithoutAWindowForEveryPriority() {
        PlanDefinition withoutStat = rules();
        withoutStat.getExtensionByUrl(EscalationPolicy.EXTENSION).getExtension().removeIf(part -> part.getUrl()
                .equals("stat"));
        assertThatThrownBy(() -> EscalationPolicy.of(withoutStat)).hasMessageContaining("every priority");
        PlanDefinition withoutPolicy = rules();
        withoutPolicy.getExtension().clear();
        assertThatThrownBy(() -> EscalationPolicy.of(withoutPolicy)).hasMessageContaining("escalation-policy");
    }
}
