package org.spinefusion.careplan.service.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.KeycloakIntegrationTest;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.spinefusion.careplan.service.support.TestKeycloak;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A patient-facing SMART app built on {@code fhirclient} (npm), in headless Chromium, served from its own origin:
 * it finds Keycloak through the service's discovery document, launches standalone (authorization code + PKCE), and
 * then reads the plan, pages the Communications and submits a symptom check, all across origins.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirClientBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    ChromeDriver browser;
    EpisodeSpec episode;
    String carePlanId;
    String otherPatientsPlan;

    @BeforeAll
    void launchTheAppAsTheRealmsPatient() throws Exception {
        browser = TestBrowser.driver();
        BrowserApps.Applied applied = BrowserApps.episodeOfTheRealmsPatient(port);
        episode = applied.episode();
        carePlanId = applied.carePlanId();
        otherPatientsPlan = Fixtures.unique("browser-other");
        repository.saveAll(List.of(Fixtures.carePlan(otherPatientsPlan, "Patient/" + Fixtures.unique("browser-pat"))));
        BrowserApps.launchAsThePatient(browser, port, "app.html");
    }

    @Test
    void getsThePatientInContextFromTheLaunch() {
        assertThat(browser.getTitle())
                .as("app error: %s", BrowserApps.run(browser, "return window.appError;"))
                .isEqualTo("ready");
        Map<String, Object> app = result(
                BrowserApps.run(browser, "return {patient: app.patient, fhirUser: app.fhirUser, scope: app.scope};"));

        // fhirclient's client.patient.id is the token response's "patient" (the realm's script mapper puts it there).
        assertThat(app).containsEntry("patient", TestKeycloak.PATIENT_ID);
        assertThat(app).containsEntry("fhirUser", "Patient/" + TestKeycloak.PATIENT_ID);
        assertThat((String) app.get("scope")).contains("patient/*.rs", "patient/QuestionnaireResponse.c");
    }

    @Test
    void readsThePatientsPlanButNotAnotherPatients() {
        Map<String, Object> own = result(BrowserApps.run(
                browser,
                "const plans = await app.client.request('CarePlan?patient=Patient/' + app.patient"
                        + " + '&_count=200', {pageLimit: 0, flat: true});"
                        + "return {ids: plans.map(p => p.id), subjects: plans.map(p => p.subject.reference)};"));
        Map<String, Object> other =
                BrowserApps.run(browser, "return await app.client.request('CarePlan/' + args[0]);", otherPatientsPlan);

        assertThat(asList(own.get("ids"))).contains(carePlanId);
        assertThat(asList(own.get("subjects"))).containsOnly("Patient/" + TestKeycloak.PATIENT_ID);
        assertThat(other.get("error")).asString().contains("404");
    }

    @Test
    void pagesThroughAllOfThePatientsCommunications() throws Exception {
        Map<String, Object> paged = result(BrowserApps.run(
                browser,
                "let pages = 0; const ids = [];"
                        + "await app.client.request('Communication?patient=Patient/' + app.patient + '&_count=10',"
                        + " {pageLimit: 0, onPage: bundle => { pages++; (bundle.entry || [])"
                        + ".forEach(e => ids.push(e.resource.id)); }});"
                        + "return {pages, ids};"));
        Set<String> expected = new HashSet<>();
        IGenericClient backend = BrowserApps.backend(port);
        Bundle page = backend.search()
                .forResource(Communication.class)
                .where(Communication.PATIENT.hasId("Patient/" + TestKeycloak.PATIENT_ID))
                .count(200)
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            page.getEntry()
                    .forEach(e -> expected.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = backend.loadPage().next(page).execute();
        }

        assertThat(expected).isNotEmpty();
        assertThat(((Number) paged.get("pages")).intValue()).isEqualTo((expected.size() + 9) / 10);
        assertThat(asList(paged.get("ids"))).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void submitsASymptomCheckAndReadsWhereItWasStored() throws Exception {
        String questionnaireId = new EpisodeIds(episode.episodeKey()).questionnaireId("postop-symptom-check");
        Map<String, Object> created = result(BrowserApps.run(
                browser,
                "const questionnaire = await app.client.request('Questionnaire/' + args[0]);"
                        + "const response = {resourceType: 'QuestionnaireResponse', status: 'completed',"
                        + " questionnaire: args[1], subject: {reference: 'Patient/' + app.patient},"
                        + " item: answersFor(questionnaire.item, {'pain-score': {valueInteger: 2}})};"
                        + "const answer = await app.client.create(response, {includeResponse: true});"
                        + "return {status: answer.response.status,"
                        + " location: answer.response.headers.get('location')};",
                questionnaireId,
                Canonicals.BASE + "/Questionnaire/" + questionnaireId));

        assertThat(((Number) created.get("status")).intValue()).isEqualTo(201);
        String location = (String) created.get("location");
        assertThat(location).contains("/QuestionnaireResponse/");
        String id = location.replaceAll(".*/QuestionnaireResponse/([^/]+).*", "$1");
        QuestionnaireResponse stored = BrowserApps.backend(port)
                .read()
                .resource(QuestionnaireResponse.class)
                .withId(id)
                .execute();
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + TestKeycloak.PATIENT_ID);
        assertThat(stored.getQuestionnaire()).endsWith(questionnaireId);
    }

    private static Map<String, Object> result(Map<String, Object> outcome) {
        assertThat(outcome.get("error")).as("error in the app").isNull();
        return asMap(outcome.get("result"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> asList(Object value) {
        return (List<String>) value;
    }
}
