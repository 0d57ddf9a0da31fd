package org.spinefusion.careplan.service.escalation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.spinefusion.careplan.service.apply.EpisodeSummary;
import org.spinefusion.careplan.service.apply.Episodes;
import org.spinefusion.careplan.service.storage.CurrentColumns;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.SearchQuery;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyOf;
import org.spinefusion.careplan.service.storage.SearchQuery.Field;
import org.spinefusion.careplan.service.storage.VersionRef;
import org.springframework.stereotype.Repository;

/**
 * The reads a response needs before it is accepted: its tailored Questionnaire, the codes of its answer sets, its
 * episode, its predecessor. Through storage's and apply's published types only: their tables are theirs.
 */
@Repository
class IntakeQueries {

    private static final int MAX_CACHED = 10_000;

    private final ResourceRepository resources;
    private final CurrentColumns columns;
    private final Episodes episodes;
    private final Map<VersionRef, Questionnaire> parsedQuestionnaires = new ConcurrentHashMap<>();
    private final Map<VersionRef, Set<String>> valueSetCodes = new ConcurrentHashMap<>();

    IntakeQueries(ResourceRepository resources, CurrentColumns columns, Episodes episodes) {
        this.resources = resources;
        this.columns = columns;
        this.episodes = episodes;
    }

    /**
     * The current version of the Questionnaire with this url. Parsed versions are kept (a tailored Questionnaire only
     * changes when its plan is re-applied, which makes a new version), as parsing is most of the cost of a lookup.
     * Callers get a copy, because intake must not share mutable resources between requests.
     */
    Optional<Questionnaire> questionnaire(String url) {
        return currentByUrl("Questionnaire", url)
                .flatMap(ref -> cached(parsedQuestionnaires, ref, () -> read(ref, Questionnaire.class)))
                .map(Questionnaire::copy);
    }

    /**
     * The codes ({@code system|code}) of the current ValueSet with this url: those it lists, or every code of a
     * CodeSystem it includes whole. Kept per ValueSet version, like the Questionnaires.
     */
    Set<String> valueSetCodes(String url) {
        return currentByUrl("ValueSet", url)
                .flatMap(ref -> cached(
                        valueSetCodes, ref, () -> read(ref, ValueSet.class).map(this::codesOf)))
                .orElse(Set.of());
    }

    private Set<String> codesOf(ValueSet valueSet) {
        Set<String> codes = new HashSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (include.hasConcept()) {
                include.getConcept().forEach(concept -> codes.add(include.getSystem() + "|" + concept.getCode()));
                continue;
            }
            currentByUrl("CodeSystem", include.getSystem())
                    .flatMap(ref -> read(ref, CodeSystem.class))
                    .ifPresent(system -> addConcepts(system.getConcept(), include.getSystem(), codes));
        }
        return Set.copyOf(codes);
    }

    private static void addConcepts(
            List<CodeSystem.ConceptDefinitionComponent> concepts, String system, Set<String> codes) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            codes.add(system + "|" + concept.getCode());
            addConcepts(concept.getConcept(), system, codes);
        }
    }

    Optional<EpisodeFacts> episode(String episodeKey) {
        return episodes.byKey(episodeKey).map(this::facts);
    }

    /** The episode whose care plan has this id (tailored Questionnaires name their episode so). */
    Optional<EpisodeFacts> episodeOfCarePlan(String carePlanId) {
        return episodes.byCarePlan(carePlanId).map(this::facts);
    }

    private EpisodeFacts facts(EpisodeSummary episode) {
        return new EpisodeFacts(
                episode.episodeKey(),
                episode.patientReference(),
                episode.carePlanId(),
                columns.status("CarePlan", episode.carePlanId()).orElse(null));
    }

    /** The current version of the episode's CarePlan, for the days of its check-ins. */
    Optional<CarePlan> carePlan(String carePlanId) {
        return resources.readCurrent("CarePlan", carePlanId).map(CarePlan.class::cast);
    }

    /** The patient's latest earlier response to the same questionnaire, by authored time. */
    Optional<QuestionnaireResponse> previousResponse(
            String subject, String questionnaireUrl, String excludedId, Instant authored) {
        return columns.latestOnOrBefore("QuestionnaireResponse", subject, questionnaireUrl, excludedId, authored)
                .map(QuestionnaireResponse.class::cast);
    }

    /** The episode's lock, the one {@code $apply} takes: a response never races a re-apply (or revocation). */
    void lockEpisode(String episodeKey) {
        episodes.lock(episodeKey);
    }

    private Optional<VersionRef> currentByUrl(String type, String url) {
        return resources.search(new SearchQuery(type, List.of(new AnyOf(Field.URL, List.of(url))), true, 1)).stream()
                .findFirst();
    }

    private <T extends Resource> Optional<T> read(VersionRef ref, Class<T> type) {
        return resources.readVersions(List.of(ref)).stream().findFirst().map(type::cast);
    }

    private static <T> Optional<T> cached(
            Map<VersionRef, T> cache, VersionRef ref, java.util.function.Supplier<Optional<T>> load) {
        T known = cache.get(ref);
        if (known != null) {
            return Optional.of(known);
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        Optional<T> loaded = load.get();
        loaded.ifPresent(value -> cache.put(ref, value));
        return loaded;
    }
}
