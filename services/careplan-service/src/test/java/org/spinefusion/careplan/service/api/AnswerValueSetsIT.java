package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A form filler that knows only our FHIR base can show every answer list: each answerValueSet of every base and
 * tailored Questionnaire resolves by url and expands, without a token, to exactly the codes its ValueSet defines.
 */
@CarePlanIntegrationTest
class AnswerValueSetsIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    @Autowired
    PathwayPackage pathwayPackage;

    private static final Map<String, Questionnaire> served = new LinkedHashMap<>();

    @BeforeAll
    static void reset() {
        served.clear();
    }

    @Test
    void everyAnswerValueSetOfEveryServedQuestionnaireExpandsWithoutAToken() throws Exception {
        collectServedQuestionnaires();
        TestHttp anonymous = new TestHttp(port).withoutToken();
        Set<String> checked = new TreeSet<>();
        for (Map.Entry<String, Questionnaire> entry : served.entrySet()) {
            for (String url : answerValueSets(entry.getValue().getItem())) {
                HttpResponse<String> search = anonymous.get("ValueSet?url=" + encode(url));
                assertThat(search.statusCode()).as(url).isEqualTo(200);
                assertThat(parse(Bundle.class, search).getEntry()).as(url).hasSize(1);

                HttpResponse<String> expanded = anonymous.get("ValueSet/$expand?url=" + encode(url) + "&_format=json");
                assertThat(expanded.statusCode()).as(url).isEqualTo(200);
                assertThat(codes(parse(ValueSet.class, expanded)))
                        .as(entry.getKey() + " " + url)
                        .isEqualTo(definedCodes(url))
                        .isNotEmpty();
                checked.add(url);
            }
        }
        assertThat(checked)
                .contains(
                        "http://careplan.spinefusion.org/fhir/ValueSet/wound-drainage-type",
                        "http://careplan.spinefusion.org/fhir/ValueSet/milestone-progress");
    }

    @Test
    void expansionsHoldEveryCodeTheEscalationRulesAndMilestonesReadFromAnswers() throws Exception {
        Map<String, String> valueSetOfItem = new LinkedHashMap<>();
        pathwayPackage.resources().stream()
                .filter(Questionnaire.class::isInstance)
                .forEach(q -> collectValueSets(((Questionnaire) q).getItem(), valueSetOfItem));
        String rules = FHIR.newJsonParser()
                .encodeResourceToString(pathwayPackage
                        .byCanonical(
                                "http://careplan.spinefusion.org/fhir/PlanDefinition/spinal-fusion-escalation",
                                org.hl7.fhir.r4.model.PlanDefinition.class)
                        .orElseThrow());
        java.util.regex.Matcher compared = java.util.regex.Pattern.compile(
                        "linkId = '([a-z-]+)'\\)\\.answer\\.value\\.exists\\(code = '([a-z-]+)'\\)")
                .matcher(rules);
        Map<String, Set<String>> used = new LinkedHashMap<>();
        while (compared.find()) {
            used.computeIfAbsent(valueSetOfItem.get(compared.group(1)), k -> new TreeSet<>())
                    .add(compared.group(2));
        }
        // The answers milestone progress reads (MilestoneProgress) to the check-in questions.
        used.computeIfAbsent("http://careplan.spinefusion.org/fhir/ValueSet/milestone-progress", k -> new TreeSet<>())
                .addAll(List.of("yes", "partly", "not-yet", "not-applicable"));
        assertThat(used).containsKey("http://careplan.spinefusion.org/fhir/ValueSet/wound-drainage-type");
        TestHttp anonymous = new TestHttp(port).withoutToken();
        for (Map.Entry<String, Set<String>> entry : used.entrySet()) {
            HttpResponse<String> expanded = anonymous.get("ValueSet/$expand?url=" + encode(entry.getKey()));
            Set<String> codes = new TreeSet<>();
            parse(ValueSet.class, expanded).getExpansion().getContains().forEach(c -> codes.add(c.getCode()));
            assertThat(codes).as(entry.getKey()).containsAll(entry.getValue());
        }
    }

    private static void collectValueSets(List<QuestionnaireItemComponent> items, Map<String, String> into) {
        for (QuestionnaireItemComponent item : items) {
            if (item.hasAnswerValueSet()) {
                into.put(item.getLinkId(), item.getAnswerValueSet());
            }
            collectValueSets(item.getItem(), into);
        }
    }

    @Test
    void expandsAValueSetByIdAndRefusesAnUnknownUrl() throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        HttpResponse<String> byId = anonymous.get("ValueSet/wound-drainage-type/$expand");
        assertThat(byId.statusCode()).isEqualTo(200);
        ValueSet expanded = parse(ValueSet.class, byId);
        assertThat(expanded.getExpansion().getTotal())
                .isEqualTo(expanded.getExpansion().getContains().size())
                .isPositive();
        assertThat(expanded.getExpansion().hasTimestamp()).isTrue();

        HttpResponse<String> unknown = anonymous.get("ValueSet/$expand?url=" + encode("http://example.org/nothing"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("OperationOutcome").doesNotContain("example.org");
    }

    @Test
    void keepsWritesToValueSetsClosedWithoutAToken() throws Exception {
        HttpResponse<String> write = new TestHttp(port)
                .withoutToken()
                .post("ValueSet", "application/fhir+json", "{\"resourceType\":\"ValueSet\",\"status\":\"draft\"}");
        assertThat(write.statusCode()).isEqualTo(401);
    }

    /** Base Questionnaires as stored from the package, and the tailored ones of a cervical and a lumbar episode. */
    private void collectServedQuestionnaires() {
        var client = FhirClients.client(port);
        List<String> baseIds = new ArrayList<>();
        pathwayPackage.resources().stream()
                .filter(Questionnaire.class::isInstance)
                .forEach(q -> baseIds.add(q.getIdElement().getIdPart()));
        assertThat(baseIds).hasSizeGreaterThanOrEqualTo(3);
        for (String id : baseIds) {
            served.put(
                    id, client.read().resource(Questionnaire.class).withId(id).execute());
        }
        LocalDate date = LocalDate.of(2031, 6, 2);
        for (EpisodeSpec episode : List.of(
                EpisodeSpec.cervical(Fixtures.unique("vs"), date, "approach-anterior", "setting-inpatient"),
                EpisodeSpec.lumbar(Fixtures.unique("vs"), date, "approach-posterior", "setting-outpatient"))) {
            Parameters parameters = new Parameters();
            parameters.addParameter("subject", new StringType(episode.patient().getReference()));
            parameters.addParameter().setName("data").setResource(episode.data());
            client.operation()
                    .onInstance("PlanDefinition/spinal-fusion-pathway")
                    .named("$apply")
                    .withParameters(parameters)
                    .returnResourceType(CarePlan.class)
                    .execute();
            for (String baseId : baseIds) {
                String id = new EpisodeIds(episode.episodeKey()).questionnaireId(baseId);
                served.put(
                        id,
                        client.read().resource(Questionnaire.class).withId(id).execute());
            }
        }
    }

    private static List<String> answerValueSets(List<QuestionnaireItemComponent> items) {
        List<String> urls = new ArrayList<>();
        for (QuestionnaireItemComponent item : items) {
            if (item.hasAnswerValueSet()) {
                urls.add(item.getAnswerValueSet());
            }
            urls.addAll(answerValueSets(item.getItem()));
        }
        return urls;
    }

    /** The codes the package's ValueSet lists, or all codes of the CodeSystem it includes whole. */
    private Set<String> definedCodes(String url) {
        ValueSet valueSet = pathwayPackage.byCanonical(url, ValueSet.class).orElseThrow();
        Set<String> codes = new TreeSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (include.hasConcept()) {
                include.getConcept().forEach(c -> codes.add(include.getSystem() + "|" + c.getCode()));
            } else {
                CodeSystem system = pathwayPackage
                        .byCanonical(include.getSystem(), CodeSystem.class)
                        .orElseThrow();
                addAll(system.getConcept(), include.getSystem(), codes);
            }
        }
        return codes;
    }

    private static void addAll(List<CodeSystem.ConceptDefinitionComponent> concepts, String system, Set<String> to) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            to.add(system + "|" + concept.getCode());
            addAll(concept.getConcept(), system, to);
        }
    }

    private static Set<String> codes(ValueSet expanded) {
        Set<String> codes = new TreeSet<>();
        expanded.getExpansion().getContains().forEach(c -> codes.add(c.getSystem() + "|" + c.getCode()));
        return codes;
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(
            Class<T> type, HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(type, response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
