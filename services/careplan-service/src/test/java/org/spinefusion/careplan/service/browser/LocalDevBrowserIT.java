package org.spinefusion.careplan.service.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.LocalDevIntegrationTest;
import org.spinefusion.careplan.service.support.LocalDevLogin;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's one command is enough for a SMART app: the service in local-dev mode and nothing else, a
 * {@code fhirclient} app in headless Chromium from its own origin launching standalone against the service's own
 * authorization server (its login page filled in by the browser), taking the patient from the token response and
 * reading the plan.
 */
@LocalDevIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDevBrowserIT {

    @LocalServerPort
    int port;

    ChromeDriver browser;
    String carePlanId;

    @BeforeAll
    void launchTheAppAsTheLocalDevPatient() throws Exception {
        browser = TestBrowser.driver();
        carePlanId = BrowserApps.episodeOf(
                        FhirClients.client(port, LocalDevLogin.systemToken()), LocalDevIntegrationTest.PATIENT_ID)
                .carePlanId();
        BrowserApps.launchAsTheLocalDevPatient(browser, port, "app.html");
    }

    @Test
    void getsThePatientFromTheTokenResponse() {
        assertThat(browser.getTitle())
                .as("app error: %s", BrowserApps.run(browser, "return window.appError;"))
                .isEqualTo("ready");
        Map<String, Object> app = result(BrowserApps.run(
                browser,
                "return {fromTokenResponse: app.fromTokenResponse || null, fhirUser: app.fhirUser,"
                        + " scope: app.scope};"));

        assertThat(app).containsEntry("fromTokenResponse", LocalDevIntegrationTest.PATIENT_ID);
        assertThat(app).containsEntry("fhirUser", "Patient/" + LocalDevIntegrationTest.PATIENT_ID);
        assertThat((String) app.get("scope")).contains("patient/*.rs", "patient/QuestionnaireResponse.c");
    }

    @Test
    void readsThePatientsPlan() {
        Map<String, Object> plans = result(BrowserApps.run(
                browser,
                "const plans = await app.client.request('CarePlan?patient=' + app.client.patient.id"
                        + " + '&_count=200', {pageLimit: 0, flat: true});"
                        + "const plan = await app.client.request('CarePlan/' + args[0]);"
                        + "return {ids: plans.map(p => p.id), subjects: plans.map(p => p.subject.reference),"
                        + " read: plan.id};",
                carePlanId));

        assertThat(asList(plans.get("ids"))).contains(carePlanId);
        assertThat(asList(plans.get("subjects"))).containsOnly("Patient/" + LocalDevIntegrationTest.PATIENT_ID);
        assertThat(plans).containsEntry("read", carePlanId);
    }

    private static Map<String, Object> result(Map<String, Object> outcome) {
        assertThat(outcome.get("error")).as("error in the app").isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) outcome.get("result");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> asList(Object value) {
        return (List<String>) value;
    }
}
