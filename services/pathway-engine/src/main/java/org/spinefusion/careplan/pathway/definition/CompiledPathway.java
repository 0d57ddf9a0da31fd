package org.spinefusion.careplan.pathway.definition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;

/**
 * A pathway PlanDefinition read once into the shape the engine walks for every episode: phases in order, each
 * activity with its definition resolved, offsets parsed and conditions checked.
 *
 * @param definitions every artifact the plan is made from, named in the Provenance
 * @param procedureCodes the allowed surgery codes (system|code)
 * @param regionCodes the allowed spinal region codes
 * @param detailCodes the allowed episode-detail codes
 * @param detailDisplays the display of each episode-detail code, for what a clinician reads
 * @param exclusiveDetails the pairs of episode-detail codes that cannot both be true of one episode (property {@code
 *     excludes} of CodeSystem episode-detail), each pair in code order
 * @param messagesPerDay the most education messages sent on one day
 * @param lateEnrolmentLimit how long after the surgery a new or changed episode is still accepted
 */
public record CompiledPathway(
        PlanDefinition planDefinition,
        List<ActionDefinition> actions,
        List<GoalDefinition> goals,
        List<Questionnaire> questionnaires,
        List<Resource> definitions,
        Set<String> procedureCodes,
        Set<String> regionCodes,
        Set<String> detailCodes,
        Map<String, String> detailDisplays,
        List<List<String>> exclusiveDetails,
        int messagesPerDay,
        Offset.Amount lateEnrolmentLimit) {

    public String canonical() {
        return planDefinition.getUrl() + "|" + planDefinition.getVersion();
    }
}
