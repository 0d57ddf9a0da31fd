package org.spinefusion.careplan.pathway;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything one $apply produces for an episode. Ids and identifiers are deterministic, so applying the same
 * input twice gives equal resources (apart from the Provenance's recorded time).
 *
 * @param lateEnrolment set when the surgery is too far in the past to start this pathway for a new or changed
 *     episode (the caller refuses it; an unchanged episode keeps its stored plan); null otherwise
 */
public record ApplyResult(
        Episode episode,
        CarePlan carePlan,
        List<Goal> goals,
        List<Questionnaire> questionnaires,
        List<Communication> communications,
        Provenance provenance,
        EpisodeProblem lateEnrolment) {

    /** The plan's resources in write order, without the Provenance (which names them). */
    public List<Resource> planResources() {
        List<Resource> all = new ArrayList<>();
        all.addAll(goals);
        all.addAll(questionnaires);
        all.add(carePlan);
        all.addAll(communications);
        return all;
    }
}
