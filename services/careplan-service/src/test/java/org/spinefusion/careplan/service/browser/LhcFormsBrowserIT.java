package org.spinefusion.careplan.service.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.KeycloakIntegrationTest;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.spinefusion.careplan.service.support.TestKeycloak;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * LHC-Forms (npm {@code lforms}), a standard SDC form filler, in headless Chromium as the patient's SMART app: it
 * renders every base Questionnaire and the episode's tailored ones exactly as the service serves them (answer value
 * sets resolved through the same authorized client), and the QuestionnaireResponse it makes (no subject: form fillers
 * do not set one) is accepted, stored for the patient in context, and escalated.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LhcFormsBrowserIT {

    private static final String ESCALATION_RULE = Canonicals.BASE + "/StructureDefinition/escalation-rule";

    private static final List<String> BASE_QUESTIONNAIRES =
            List.of("preop-readiness", "postop-symptom-check", "milestone-checkin");

    @LocalServerPort
    int port;

    ChromeDriver browser;
    EpisodeSpec episode;

    @BeforeAll
    void launchTheFormFillerAsTheRealmsPatient() throws Exception {
        browser = TestBrowser.driver();
        episode = BrowserApps.episodeOfTheRealmsPatient(port).episode();
        BrowserApps.launchAsThePatient(browser, port, "forms.html");
        assertThat(browser.getTitle())
                .as("app error: %s", BrowserApps.run(browser, "return window.appError;"))
                .isEqualTo("ready");
    }

    @Test
    void rendersEveryBaseAndTailoredQuestionnaireAsServed() throws Exception {
        List<String> ids = new ArrayList<>(BASE_QUESTIONNAIRES);
        IGenericClient backend = BrowserApps.backend(port);
        for (String base : BASE_QUESTIONNAIRES) {
            String tailored = new EpisodeIds(episode.episodeKey()).questionnaireId(base);
            Bundle found = backend.search()
                    .forResource(Questionnaire.class)
                    .where(Questionnaire.RES_ID.exactly().code(tailored))
                    .returnBundle(Bundle.class)
                    .execute();
            if (!found.getEntry().isEmpty()) {
                ids.add(tailored);
            }
        }
        assertThat(ids).hasSizeGreaterThan(BASE_QUESTIONNAIRES.size());

        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        for (String id : ids) {
            outcomes.put(
                    id,
                    BrowserApps.run(
                            browser,
                            "const questionnaire = await app.client.request('Questionnaire/' + args[0]);"
                                    + "return await render(questionnaire);",
                            id));
        }

        assertThat(outcomes).allSatisfy((id, outcome) -> {
            assertThat(outcome.get("error")).as(id).isNull();
            assertThat(((Number) outcome.get("result")).intValue()).as(id).isPositive();
        });
    }

    @Test
    void acceptsAndEscalatesTheResponseLhcFormsMakes() throws Exception {
        String questionnaireId = new EpisodeIds(episode.episodeKey()).questionnaireId("postop-symptom-check");
        Map<String, Object> outcome = BrowserApps.run(
                browser,
                "const questionnaire = await app.client.request('Questionnaire/' + args[0]);"
                        + "const answers = {resourceType: 'QuestionnaireResponse', status: 'in-progress',"
                        + " questionnaire: questionnaire.url, item: answersFor(questionnaire.item,"
                        + " {'pain-score': {valueInteger: 2}, 'chest-pain': {valueBoolean: true}})};"
                        + "await render(questionnaire, answers);"
                        + "const response = formResponse();"
                        + "response.status = 'completed';"
                        + "const created = await app.client.create(response, {includeResponse: true});"
                        + "return {hadSubject: 'subject' in response, status: created.response.status,"
                        + " id: created.body.id};",
                questionnaireId);

        assertThat(outcome).doesNotContainKey("error");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) outcome.get("result");
        assertThat(result).containsEntry("hadSubject", false);
        assertThat(((Number) result.get("status")).intValue()).isEqualTo(201);
        String responseId = (String) result.get("id");
        List<String> rules = List.of();
        for (int attempt = 0; attempt < 20 && !rules.contains("chest-symptoms"); attempt++) {
            rules = rulesRaisedAbout(responseId);
            if (!rules.contains("chest-symptoms")) {
                Thread.sleep(500);
            }
        }
        assertThat(rules).contains("chest-symptoms");
    }

    private List<String> rulesRaisedAbout(String responseId) throws Exception {
        Bundle alerts = BrowserApps.backend(port)
                .search()
                .forResource(Communication.class)
                .where(Communication.SUBJECT.hasId("Patient/" + TestKeycloak.PATIENT_ID))
                .and(Communication.CATEGORY.exactly().code("alert"))
                .count(200)
                .returnBundle(Bundle.class)
                .execute();
        return alerts.getEntry().stream()
                .map(e -> (Communication) e.getResource())
                .filter(c -> c.getAbout().stream()
                        .anyMatch(a -> a.getReferenceElement().getIdPart().equals(responseId)))
                .flatMap(c -> c.getExtensionsByUrl(ESCALATION_RULE).stream())
                .map(e -> ((PrimitiveType<?>) e.getValue()).getValueAsString())
                .toList();
    }
}
