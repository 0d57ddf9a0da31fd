package org.spinefusion.careplan.pathway.plan;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.spinefusion.careplan.pathway.Canonicals;

/**
 * The care team of the plan, contained in the CarePlan because it only exists as part of it: the patient, the
 * responsible surgeon and the managing organization when the $apply call names them.
 */
final class CareTeamFactory {

    static final String CONTAINED_ID = "careteam";

    CareTeam careTeam(PlanContext plan) {
        CareTeam team = new CareTeam();
        team.setId(CONTAINED_ID);
        team.setStatus(plan.cancelled() ? CareTeam.CareTeamStatus.INACTIVE : CareTeam.CareTeamStatus.ACTIVE);
        team.setName("Spinal fusion care team");
        team.setSubject(plan.patient());
        team.addParticipant().addRole(role("patient", "Patient")).setMember(plan.patient());
        if (plan.request().practitioner() != null
                && plan.request().practitioner().hasReference()) {
            team.addParticipant()
                    .addRole(role("surgeon", "Surgeon"))
                    .setMember(plan.request().practitioner().copy());
        }
        if (plan.request().organization() != null
                && plan.request().organization().hasReference()) {
            team.addManagingOrganization(plan.request().organization().copy());
        }
        return team;
    }

    private static CodeableConcept role(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(Canonicals.CS_CARE_TEAM_ROLE, code, display));
    }
}
