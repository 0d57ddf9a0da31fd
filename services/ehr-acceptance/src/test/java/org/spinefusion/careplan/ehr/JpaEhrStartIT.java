package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

class JpaEhrStartIT {

    @Test
    void refusesAReferenceToAResourceItDoesNotHold() {
        JpaEhr ehr = JpaEhr.shared();
        System.out.println("JPA EHR started in " + ehr.startup);
        CapabilityStatement capabilities = ehr.client().capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getRest().get(0).getInteraction()).anyMatch(i -> "transaction".equals(i.getCode().toCode()));
        Goal goal = new Goal();
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
        goal.getDescription().setText("walk");
        goal.setSubject(new Reference("Patient/nobody-here"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ehr.client().create().resource(goal).execute()))
                .isInstanceOf(BaseServerResponseException.class)
                .hasMessageContaining("HAPI-1094");
    }
}
