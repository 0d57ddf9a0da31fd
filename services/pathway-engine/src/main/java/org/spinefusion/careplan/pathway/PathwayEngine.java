package org.spinefusion.careplan.pathway;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.spinefusion.careplan.pathway.definition.CompiledPathway;
import org.spinefusion.careplan.pathway.definition.PathwayCompiler;
import org.spinefusion.careplan.pathway.episode.EpisodeReader;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.plan.PlanContext;
import org.spinefusion.careplan.pathway.plan.PlanMaker;

/**
 * Applies a pathway PlanDefinition to one episode. Thread-safe; build once and share. Every clinical-protocol
 * PlanDefinition of the package is compiled when the engine is built, so a broken artifact stops start-up
 * instead of failing a patient's plan.
 */
public final class PathwayEngine {

    private final PathwayPackage pathwayPackage;
    private final Map<String, CompiledPathway> pathways = new ConcurrentHashMap<>();
    private final EpisodeReader episodes = new EpisodeReader();
    private final PlanMaker planMaker;

    public PathwayEngine(FhirContext fhirContext, PathwayPackage pathwayPackage) {
        this.pathwayPackage = pathwayPackage;
        FhirPathConditions conditions = new FhirPathConditions(fhirContext);
        this.planMaker = new PlanMaker(conditions);
        PathwayCompiler compiler = new PathwayCompiler(pathwayPackage, conditions);
        pathwayPackage.resources().stream()
                .filter(PlanDefinition.class::isInstance)
                .map(PlanDefinition.class::cast)
                .filter(PathwayEngine::isClinicalProtocol)
                .forEach(plan -> pathways.put(plan.getIdElement().getIdPart(), compiler.compile(plan)));
    }

    /**
     * @throws InvalidEpisodeException when the input is unusable (problem code not-found for an unknown
     *     PlanDefinition); nothing is produced then
     */
    public ApplyResult apply(ApplyRequest request) {
        CompiledPathway pathway = pathways.get(request.planDefinitionId());
        if (pathway == null) {
            throw new InvalidEpisodeException(
                    "not-found",
                    "PlanDefinition.id",
                    "no pathway PlanDefinition with id " + request.planDefinitionId());
        }
        Episode episode = episodes.read(request, pathway);
        return planMaker.make(new PlanContext(request, episode, EpisodeIds.of(episode), pathway));
    }

    public PathwayPackage pathwayPackage() {
        return pathwayPackage;
    }

    private static boolean isClinicalProtocol(PlanDefinition plan) {
        return plan.getType().getCoding().stream().anyMatch(c -> "clinical-protocol".equals(c.getCode()));
    }
}
