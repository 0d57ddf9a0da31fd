package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;

/**
 * The trace of one escalation step: the resources it wrote (targets), what triggered it and the rule definition
 * version that decided it (entities). "Why did I get this alert?" is answered by reading it.
 */
final class EscalationProvenance {

    private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private static final String DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    private EscalationProvenance() {}

    /**
     * @param targets the stored resources, each with its version id set
     * @param triggers versioned references to what caused this step
     * @param ruleSet the rule definition that decided it; null for steps no rule decides (climbing, acknowledgement)
     * @param why one line for the narrative, from {@code wording}
     */
    static Provenance of(
            EscalationWording wording,
            String id,
            List<? extends Resource> targets,
            List<Reference> triggers,
            EscalationRules ruleSet,
            String source,
            Instant now,
            String why) {
        Provenance provenance = new Provenance();
        provenance.setId(id);
        for (Resource target : targets) {
            provenance.addTarget(new Reference(
                    target.fhirType() + "/" + target.getIdElement().getIdPart() + "/_history/"
                            + target.getMeta().getVersionId()));
        }
        provenance.setRecorded(Date.from(now));
        provenance.setActivity(new CodeableConcept().addCoding(new Coding(DATA_OPERATION, "CREATE", "create")));
        provenance
                .addAgent()
                .setType(new CodeableConcept().addCoding(new Coding(PARTICIPANT_TYPE, "assembler", "Assembler")))
                .setWho(new Reference().setDisplay(wording.text(Text.PROVENANCE_ASSEMBLER)));
        if (source != null) {
            provenance
                    .addAgent()
                    .setType(new CodeableConcept().addCoding(new Coding(PARTICIPANT_TYPE, "informant", "Informant")))
                    .setWho(new Reference().setDisplay(source));
        }
        for (Reference trigger : triggers) {
            provenance
                    .addEntity()
                    .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                    .setWhat(trigger.copy());
        }
        if (ruleSet != null) {
            provenance
                    .addEntity()
                    .setRole(Provenance.ProvenanceEntityRole.DERIVATION)
                    .setWhat(new Reference("PlanDefinition/" + ruleSet.definitionId())
                            .setDisplay(ruleSet.canonicalVersion()));
        }
        provenance.setText(Xhtml.div()
                .heading(wording.text(Text.PROVENANCE_HEADING))
                .paragraph(why)
                .field(wording.text(Text.PROVENANCE_RULES_LABEL), ruleSet == null ? null : ruleSet.canonicalVersion())
                .toNarrative());
        return provenance;
    }
}
