package org.spinefusion.careplan.service.apply;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.ApplyResult;
import org.spinefusion.careplan.pathway.Episode;
import org.spinefusion.careplan.pathway.InvalidEpisodeException;
import org.spinefusion.careplan.pathway.PathwayEngine;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the pathway to an episode and stores the result in one transaction. The plan is computed before the
 * transaction starts (it is pure), so the database is held only for the writes.
 */
@Service
class ApplyService {

    private final PathwayEngine engine;
    private final ResourceRepository resources;
    private final EpisodeRepository episodes;
    private final DeliveredStateKeeper deliveredState;
    private final TransactionTemplate transaction;

    ApplyService(
            PathwayEngine engine,
            ResourceRepository resources,
            EpisodeRepository episodes,
            TransactionTemplate transaction) {
        this.engine = engine;
        this.resources = resources;
        this.episodes = episodes;
        this.deliveredState = new DeliveredStateKeeper(resources);
        this.transaction = transaction;
    }

    /**
     * @return the episode's current CarePlan after the apply
     * @throws InvalidEpisodeException when the input is unusable, the episode belongs to another patient, or a new
     *     or changed episode's surgery is too far in the past for the pathway (an unchanged one keeps its plan)
     */
    CarePlan apply(ApplyRequest request) {
        ApplyResult result = engine.apply(request);
        return transaction.execute(status -> store(request, result));
    }

    private CarePlan store(ApplyRequest request, ApplyResult made) {
        ApplyResult result = made;
        Episode episode = result.episode();
        episodes.lock(episode.key());
        var previous = episodes.find(episode.key());
        if (previous.isPresent() && !previous.get().patientReference().equals(episode.patientReference())) {
            throw new InvalidEpisodeException(
                    "conflict",
                    "ServiceRequest.identifier",
                    "this surgery request identifier already names an episode of another patient");
        }
        if (previous.isPresent() && previous.get().fingerprint().equals(episode.fingerprint())) {
            return (CarePlan) resources
                    .readCurrent("CarePlan", previous.get().carePlanId())
                    .orElseThrow(() -> new IllegalStateException("episode without its CarePlan"));
        }
        if (previous.isPresent()) {
            result = revision(request, result, previous.get());
        }
        if (result.lateEnrolment() != null) {
            throw new InvalidEpisodeException(List.of(result.lateEnrolment()));
        }
        List<Resource> toSave = previous.isPresent()
                ? deliveredState.reconcile(
                        result.planResources(), previous.get().communicationIds())
                : result.planResources();
        List<StoredResource> stored = resources.saveAll(toSave);
        saveProvenance(result.provenance(), stored);
        episodes.save(new EpisodeRecord(
                episode.key(),
                episode.patientReference(),
                episode.fingerprint(),
                result.carePlan().getIdPart(),
                result.communications().stream().map(Communication::getIdPart).toList()));
        return currentCarePlan(result.carePlan(), stored);
    }

    /**
     * A changed episode is planned as of the day it was first enrolled, so steps that happened on the plan are not
     * treated as missed (the day is the stored CarePlan's {@code created}).
     */
    private ApplyResult revision(ApplyRequest request, ApplyResult made, EpisodeRecord previous) {
        return resources
                .readCurrent("CarePlan", previous.carePlanId())
                .map(CarePlan.class::cast)
                .filter(CarePlan::hasCreated)
                .map(stored -> LocalDate.parse(
                        stored.getCreatedElement().getValueAsString().substring(0, 10)))
                .filter(day -> !day.equals(request.now().atZone(request.zone()).toLocalDate()))
                .map(day -> engine.apply(request.withEnrolledOn(day)))
                .orElse(made);
    }

    /** The CarePlan as stored: the new one when it was written, else the unchanged current version. */
    private CarePlan currentCarePlan(CarePlan made, List<StoredResource> stored) {
        boolean saved = stored.stream().anyMatch(s -> s.type().equals("CarePlan") && s.id().equals(made.getIdPart()));
        if (saved) {
            return made;
        }
        return (CarePlan) resources
                .readCurrent("CarePlan", made.getIdPart())
                .orElseThrow(() -> new IllegalStateException("CarePlan not stored"));
    }

    /** Names exactly the versions this apply wrote, so each version can be traced to the definitions behind it. */
    private void saveProvenance(Provenance provenance, List<StoredResource> stored) {
        List<Reference> targets = stored.stream()
                .filter(StoredResource::written)
                .map(version -> new Reference(version.type() + "/" + version.id() + "/_history/" + version.versionId()))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        provenance.setTarget(targets);
        resources.saveAll(List.of(provenance));
    }
}
