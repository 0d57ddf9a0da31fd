package org.spinefusion.careplan.pathway.plan;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.pathway.narrative.Xhtml;

/** Says which definition versions made the plan, and when: the answer to "why does my plan say this?". */
final class ProvenanceFactory {

    private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    Provenance provenance(PlanContext plan, List<Resource> targets, List<Resource> definitions) {
        Provenance provenance = new Provenance();
        provenance.setId(plan.ids().provenanceId(plan.episode().fingerprint()));
        for (Resource target : targets) {
            provenance.addTarget(new Reference(
                    target.fhirType() + "/" + target.getIdElement().getIdPart()));
        }
        provenance.setRecorded(Date.from(plan.request().now()));
        provenance.setActivity(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        provenance
                .addAgent()
                .setType(new CodeableConcept().addCoding(new Coding(PARTICIPANT_TYPE, "assembler", "Assembler")))
                .setWho(new Reference().setDisplay("Spinal fusion care plan service"));
        Xhtml div = Xhtml.div()
                .heading("How this plan was made")
                .paragraph("Generated from the pathway definitions below for the surgery episode "
                        + plan.episode().request().getIdentifierFirstRep().getValue() + ".");
        Xhtml.Table sources = div.table("Definition", "Version");
        for (Resource definition : definitions) {
            MetadataResource metadata = (MetadataResource) definition;
            provenance
                    .addEntity()
                    .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                    .setWhat(new Reference(definition.fhirType() + "/"
                                    + definition.getIdElement().getIdPart())
                            .setDisplay(metadata.getUrl() + "|" + metadata.getVersion()));
            sources.row(metadata.hasTitle() ? metadata.getTitle() : metadata.getName(), metadata.getVersion());
        }
        provenance.setText(div.toNarrative());
        return provenance;
    }
}
