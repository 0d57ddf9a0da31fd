package org.spinefusion.careplan.pathway.plan;

import org.hl7.fhir.r4.model.Reference;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.Episode;
import org.spinefusion.careplan.pathway.definition.CompiledPathway;

/** What every part of one plan is made from: the request, the episode, its ids and the pathway. */
public record PlanContext(ApplyRequest request, Episode episode, EpisodeIds ids, CompiledPathway pathway) {

    public Reference patient() {
        return new Reference(episode.patientReference());
    }

    public boolean cancelled() {
        return episode.cancelled();
    }
}
