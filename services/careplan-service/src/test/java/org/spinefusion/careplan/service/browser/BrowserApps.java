package org.spinefusion.careplan.service.browser;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.AppSite;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.KeycloakTokens;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.spinefusion.careplan.service.support.TestKeycloak;

/** What the browser tests share: an episode for the realm's patient, the launch, and running app code. */
final class BrowserApps {

    private BrowserApps() {}

    static String fhirBase(int port) {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    /** A backend client of the service, with a token from the realm's backend client. */
    static IGenericClient backend(int port) throws Exception {
        return FhirClients.client(port, KeycloakTokens.backendToken("system/*.cruds"));
    }

    /** An episode and the id of the CarePlan $apply made for it. */
    record Applied(EpisodeSpec episode, String carePlanId) {}

    /** A new episode of the realm's patient user, its plan made by $apply. */
    static Applied episodeOfTheRealmsPatient(int port) throws Exception {
        return episodeOf(backend(port), TestKeycloak.PATIENT_ID);
    }

    /** A new episode of this patient, its plan made by $apply through this backend client. */
    static Applied episodeOf(IGenericClient backend, String patientId) {
        String name = Fixtures.unique("browser");
        EpisodeSpec episode = new EpisodeSpec(
                name,
                "surg-" + name,
                patientId,
                LocalDate.now().minusDays(3),
                "81099000",
                "cervical",
                "C5-C6",
                new LinkedHashSet<>(List.of("approach-anterior", "hardware-plates", "setting-inpatient")),
                ServiceRequest.ServiceRequestStatus.ACTIVE);
        CarePlan plan = FhirClients.applyPathway(backend, episode);
        return new Applied(episode, plan.getIdElement().getIdPart());
    }

    /**
     * The SMART standalone launch of the app at {@link AppSite} (its page after the redirect: {@code page}) against this FHIR base, the realm's patient logging in
     * on Keycloak's own login page; returns once the app holds its token (or failed to get one).
     */
    static void launchAsThePatient(WebDriver browser, int port, String page) {
        launch(browser, port, page, TestKeycloak.PATIENT_USER, "patient", By.id("kc-login"));
    }

    /**
     * The same launch against local-dev mode's own authorization server: its user logs in on Spring Security's login
     * page.
     */
    static void launchAsTheLocalDevPatient(WebDriver browser, int port, String page) {
        launch(browser, port, page, "patient", "patient", By.cssSelector("button[type=submit]"));
    }

    private static void launch(WebDriver browser, int port, String page, String username, String password, By submit) {
        browser.get(AppSite.origin() + "/app/launch.html?app=" + page + "&iss="
                + URLEncoder.encode(fhirBase(port), StandardCharsets.UTF_8));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(submit).click();
        try {
            wait.until(driver -> List.of("ready", "failed").contains(driver.getTitle()));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "The app never got its token: at " + browser.getCurrentUrl() + " titled \"" + browser.getTitle()
                            + "\"; console: " + TestBrowser.console(browser),
                    e);
        }
    }

    /**
     * Runs an async function body in the page ({@code app} and {@code args} in scope) and returns what it resolves to;
     * a rejection comes back as {@code {error: ...}}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> run(WebDriver browser, String body, Object... args) {
        String script = "const done = arguments[arguments.length - 1];"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
                + "(async () => { " + body + " })().then(result => done({result}),"
                + " error => done({error: String(error && error.message || error)}));";
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(script, args);
    }
}
