package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;
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
