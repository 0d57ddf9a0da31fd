package org.spinefusion.careplan.service.clinician;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.escalation.SymptomChecks;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestBrowser;

/** The clinician app in the shared browser, and the episodes its tests look at. */
final class ClinicianApp {

    static final String CLINICIAN_USER = "clinician";
    static final String CLINICIAN_FHIR_USER = "Practitioner/example-surgeon";

    private ClinicianApp() {}

    static String origin(int port) {
        return "http://127.0.0.1:" + port;
    }

    static String fhirBase(int port) {
        return origin(port) + "/fhir";
    }

    /**
     * What an EHR does: opens the app's launch URL with its FHIR base and an opaque launch id; the clinician then logs
     * in on Keycloak's own page. Returns once the app has its token and shows its first view (or failed).
     */
    static void launchFromTheEhr(WebDriver browser, int port) {
        browser.get(origin(port) + "/app/launch.html?iss=" + URLEncoder.encode(fhirBase(port), StandardCharsets.UTF_8)
                + "&launch=" + UUID.randomUUID());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(CLINICIAN_USER);
        browser.findElement(By.id("password")).sendKeys("clinician");
        browser.findElement(By.id("kc-login")).click();
        awaitView(browser, null);
    }

    /** Waits until the app has rendered (the given view, when not null) or failed. */
    static void awaitView(WebDriver browser, String view) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
                String state = (String) ((JavascriptExecutor) driver)
                        .executeScript("return document.body && document.body.dataset.state;");
                if ("failed".equals(state)) {
                    return true;
                }
                return "ready".equals(state)
                        && (view == null
                                || !driver.findElements(By.cssSelector("[data-view='" + view + "']"))
                                        .isEmpty());
            });
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "The app never showed " + view + ": at " + browser.getCurrentUrl() + " titled \""
                            + browser.getTitle() + "\"; console: " + TestBrowser.console(browser),
                    e);
        }
        Object error = ((JavascriptExecutor) browser).executeScript("return window.appError || null;");
        if (error != null) {
            throw new AssertionError("The app failed: " + error + "; console: " + TestBrowser.console(browser));
        }
    }

    /** Moves to a view inside the running app (a hash change, no reload, so the token stays in the page). */
    static void open(WebDriver browser, String hash, String view) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.body.dataset.state = 'loading';"
                                + " if (location.hash === arguments[0]) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                                + " else { location.hash = arguments[0]; }",
                        hash);
        awaitView(browser, view);
    }

    /** axe-core (npm) run in the page against WCAG 2.0/2.1 A and AA; returns the serious and critical violations. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> seriousAccessibilityViolations(WebDriver browser) throws Exception {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(Files.readString(TestBrowser.modules().resolve("axe-core/axe.min.js")));
        Map<String, Object> outcome =
                (Map<String, Object>) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done({violations: r.violations.filter(v => v.impact === 'serious'"
                        + " || v.impact === 'critical').map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})), passes: r.passes.length}),"
                        + " e => done({error: String(e)}));");
        if (outcome.get("error") != null) {
            throw new AssertionError("axe-core failed: " + outcome.get("error"));
        }
        if (((Number) outcome.get("passes")).intValue() == 0) {
            throw new AssertionError("axe-core checked nothing");
        }
        return (List<Map<String, Object>>) outcome.get("violations");
    }

    /**
     * A full-page screenshot at the given width, for the docs; into {@code careplan.test.screenshots} when set (the
     * repository's docs/ when regenerating them), else target/screenshots.
     */
    static Path screenshot(ChromeDriver browser, String name, int width) throws Exception {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight);");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height + 140, 600), 6000)));
        Path folder = Path.of(System.getProperty("careplan.test.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(before);
        return file;
    }

    /** A cervical episode of a new patient, its plan made by $apply naming the surgeon and the organization. */
    static EpisodeSpec episode(IGenericClient backend, LocalDate surgery, String practitioner, String organization) {
        String name = Fixtures.unique("clin");
        EpisodeSpec episode = new EpisodeSpec(
                name,
                "surg-" + name,
                "pat-" + name,
                surgery,
                "81099000",
                "cervical",
                "C5-C6",
                new LinkedHashSet<>(
                        List.of("approach-anterior", "hardware-plates", "setting-inpatient", "nicotine-use")),
                ServiceRequest.ServiceRequestStatus.ACTIVE);
        apply(backend, episode, practitioner, organization);
        return episode;
    }

    /** $apply of the episode (again, when it changed: a new plan version), naming the surgeon and the organization. */
    static void apply(IGenericClient backend, EpisodeSpec episode, String practitioner, String organization) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter("practitioner", new StringType(practitioner));
        parameters.addParameter("organization", new StringType(organization));
        parameters.addParameter().setName("data").setResource(episode.data());
        backend.operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }

    /** The patient answers the episode's symptom check now (linkId to answer; pain score 2 unless given). */
    static String symptomCheck(IGenericClient backend, EpisodeSpec episode, Map<String, Object> answers) {
        String id = new EpisodeIds(episode.episodeKey()).questionnaireId("postop-symptom-check");
        Questionnaire questionnaire =
                backend.read().resource(Questionnaire.class).withId(id).execute();
        Map<String, Object> all = new java.util.LinkedHashMap<>(answers);
        all.putIfAbsent("pain-score", 2);
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(Canonicals.BASE + "/Questionnaire/" + id);
        response.setSubject(episode.patient());
        response.getItem().addAll(SymptomChecks.items(questionnaire.getItem(), all));
        return backend.create().resource(response).execute().getId().getIdPart();
    }

    static Set<String> texts(WebDriver browser, String css) {
        Set<String> found = new LinkedHashSet<>();
        browser.findElements(By.cssSelector(css)).forEach(e -> found.add(e.getText()));
        return found;
    }
}
