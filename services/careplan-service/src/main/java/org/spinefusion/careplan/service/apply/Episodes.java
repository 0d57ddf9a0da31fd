package org.spinefusion.careplan.service.apply;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The episodes {@code $apply} keeps, for other features: they read them here rather than from apply's table, and
 * take the same per-episode lock, so that work on an episode never races a re-apply (or revocation) of its plan.
 */
@Component
public class Episodes {

    private final EpisodeRepository repository;

    Episodes(EpisodeRepository repository) {
        this.repository = repository;
    }

    /** Serialises work on the episode across threads and replicas until the caller's transaction ends. */
    public void lock(String episodeKey) {
        repository.lock(episodeKey);
    }

    public Optional<EpisodeSummary> byKey(String episodeKey) {
        return repository.find(episodeKey).map(Episodes::summary);
    }

    public Optional<EpisodeSummary> byCarePlan(String carePlanId) {
        return byCarePlans(List.of(carePlanId)).stream().findFirst();
    }

    public List<EpisodeSummary> byCarePlans(Collection<String> carePlanIds) {
        return repository.findByCarePlans(carePlanIds).stream()
                .map(Episodes::summary)
                .toList();
    }

    private static EpisodeSummary summary(EpisodeRecord record) {
        return new EpisodeSummary(record.episodeKey(), record.patientReference(), record.carePlanId());
    }
}
