package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.context.FhirContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads a response needs before it is accepted: its tailored Questionnaire, the codes of its answer sets, its
 * episode, its predecessor.
 */
@Repository
class IntakeQueries {

    private static final String CURRENT_CONTENT =
            "select v.content::text from resource_current c join resource_version v"
                    + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id ";

    private static final int MAX_CACHED_QUESTIONNAIRES = 10_000;

    private final JdbcClient jdbc;
    private final FhirContext fhirContext;
    private final java.util.Map<String, Questionnaire> parsedQuestionnaires =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Set<String>> valueSetCodes = new java.util.concurrent.ConcurrentHashMap<>();

    IntakeQueries(JdbcClient jdbc, FhirContext fhirContext) {
        this.jdbc = jdbc;
        this.fhirContext = fhirContext;
    }

    /**
     * The current version of the Questionnaire with this url. Parsed versions are kept (a tailored Questionnaire only
     * changes when its plan is re-applied, which makes a new version), as parsing is most of the cost of a lookup.
     * Callers get a copy, because intake must not share mutable resources between requests.
     */
    Optional<Questionnaire> questionnaire(String url) {
        return jdbc.sql("select c.res_id, c.version_id, v.content::text from resource_current c join resource_version v"
                        + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = 'Questionnaire' and c.url = ? limit 1")
                .param(url)
                .query((rs, n) ->
                        parsedQuestionnaires.computeIfAbsent(rs.getString(1) + "/" + rs.getInt(2), key -> parse(rs)))
                .optional()
                .map(Questionnaire::copy);
    }

    private Questionnaire parse(java.sql.ResultSet rs) {
        if (parsedQuestionnaires.size() > MAX_CACHED_QUESTIONNAIRES) {
            parsedQuestionnaires.clear();
        }
        try {
            return fhirContext.newJsonParser().parseResource(Questionnaire.class, rs.getString(3));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The codes ({@code system|code}) of the current ValueSet with this url: those it lists, or every code of a
     * CodeSystem it includes whole. Kept per ValueSet version, like the Questionnaires.
     */
    Set<String> valueSetCodes(String url) {
        return jdbc.sql("select c.res_id, c.version_id, v.content::text from resource_current c join resource_version v"
                        + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = 'ValueSet' and c.url = ? limit 1")
                .param(url)
                .query((rs, n) ->
                        valueSetCodes.computeIfAbsent(rs.getString(1) + "/" + rs.getInt(2), key -> codesOf(text(rs))))
                .optional()
                .orElse(Set.of());
    }

    private Set<String> codesOf(String valueSetJson) {
        ValueSet valueSet = fhirContext.newJsonParser().parseResource(ValueSet.class, valueSetJson);
        Set<String> codes = new HashSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (include.hasConcept()) {
                include.getConcept().forEach(concept -> codes.add(include.getSystem() + "|" + concept.getCode()));
                continue;
            }
            jdbc.sql(CURRENT_CONTENT + "where c.res_type = 'CodeSystem' and c.url = ? limit 1")
                    .param(include.getSystem())
                    .query(String.class)
                    .optional()
                    .map(json -> fhirContext.newJsonParser().parseResource(CodeSystem.class, json))
                    .ifPresent(system -> addConcepts(system.getConcept(), include.getSystem(), codes));
        }
        return Set.copyOf(codes);
    }

    private static void addConcepts(
            java.util.List<CodeSystem.ConceptDefinitionComponent> concepts, String system, Set<String> codes) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            codes.add(system + "|" + concept.getCode());
            addConcepts(concept.getConcept(), system, codes);
        }
    }

    private static String text(java.sql.ResultSet rs) {
        try {
            return rs.getString(3);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<EpisodeFacts> episode(String episodeKey) {
        return episodeWhere("e.episode_key = ?", episodeKey);
    }

    /** The episode whose care plan has this id (tailored Questionnaires name their episode so). */
    Optional<EpisodeFacts> episodeOfCarePlan(String carePlanId) {
        return episodeWhere("e.careplan_id = ?", carePlanId);
    }

    private Optional<EpisodeFacts> episodeWhere(String condition, String value) {
        return jdbc.sql("select e.episode_key, e.patient_ref, e.careplan_id, c.status from episode e"
                        + " left join resource_current c on c.res_type = 'CarePlan' and c.res_id = e.careplan_id"
                        + " where " + condition)
                .param(value)
                .query((rs, n) -> new EpisodeFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The current version of the episode's CarePlan, for the days of its check-ins. */
    Optional<CarePlan> carePlan(String carePlanId) {
        return jdbc.sql(CURRENT_CONTENT + "where c.res_type = 'CarePlan' and c.res_id = ?")
                .param(carePlanId)
                .query(String.class)
                .optional()
                .map(json -> fhirContext.newJsonParser().parseResource(CarePlan.class, json));
    }

    /** The patient's latest earlier response to the same questionnaire, by authored time. */
    Optional<QuestionnaireResponse> previousResponse(
            String subject, String questionnaireUrl, String excludedId, java.time.Instant authored) {
        return jdbc.sql(CURRENT_CONTENT + "where c.res_type = 'QuestionnaireResponse' and c.subject = ?"
                        + " and c.refs && array[?]::text[] and c.res_id <> ? and c.date_start <= ?"
                        + " order by c.date_start desc, c.last_updated desc limit 1")
                .params(
                        subject,
                        questionnaireUrl,
                        excludedId,
                        java.time.OffsetDateTime.ofInstant(authored, java.time.ZoneOffset.UTC))
                .query(String.class)
                .optional()
                .map(json -> fhirContext.newJsonParser().parseResource(QuestionnaireResponse.class, json));
    }

    /**
     * Serialises the work on one episode across threads and replicas until the transaction ends: the same advisory
     * lock {@code $apply} takes, so a response never races a re-apply (or revocation) of its plan.
     */
    void lockEpisode(String episodeKey) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 7))")
                .param(episodeKey)
                .query()
                .singleRow();
    }
}
