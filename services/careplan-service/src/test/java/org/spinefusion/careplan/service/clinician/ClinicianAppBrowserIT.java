package org.spinefusion.careplan.service.clinician;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.escalation.LadderClimbs;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.KeycloakIntegrationTest;
import org.spinefusion.careplan.service.support.KeycloakTokens;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The clinician's SMART app as served by the service, in headless Chromium: launched the way an EHR launches it
 * (iss + launch) against the real Keycloak with the clinician logging in on Keycloak's page; the patient view checked
 * against the stored resources; an escalation acknowledged from the page, after which its window passes without a
 * climb; the worklist's order for three patients of one surgeon; and axe-core on both pages.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicianAppBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ChromeDriver browser;
    IGenericClient backend;

    final String surgeon = "Practitioner/" + Fixtures.unique("surgeon");
    final String organization = "Organization/" + Fixtures.unique("clinic");
    final String otherOrganization = "Organization/" + Fixtures.unique("clinic-other");

    /** The patient whose view is checked: a fever reported today (urgent). */
    EpisodeSpec feverish;
    /** The worklist's three, most urgent first, and one with nothing to act on. */
    EpisodeSpec inPain;

    EpisodeSpec alsoFeverish;
    EpisodeSpec silent;
    EpisodeSpec quiet;

    @BeforeAll
    void launchTheAppFromTheEhr() throws Exception {
        browser = TestBrowser.driver();
        backend = FhirClients.client(port, KeycloakTokens.backendToken("system/*.cruds"));
        LocalDate today = LocalDate.now();
        feverish = ClinicianApp.episode(
                backend, today.minusDays(3), "Practitioner/" + Fixtures.unique("surgeon-other"), otherOrganization);
        ClinicianApp.symptomCheck(backend, feverish, Map.of("temperature-taken", true, "temperature", 38.6));

        alsoFeverish = ClinicianApp.episode(backend, today.minusDays(3), surgeon, organization);
        ClinicianApp.symptomCheck(backend, alsoFeverish, Map.of("temperature-taken", true, "temperature", 38.7));
        inPain = ClinicianApp.episode(backend, today.minusDays(3), surgeon, organization);
        ClinicianApp.symptomCheck(backend, inPain, Map.of("pain-score", 9));
        silent = ClinicianApp.episode(backend, today.minusDays(4), surgeon, organization);
        quiet = ClinicianApp.episode(backend, today.plusDays(20), surgeon, organization);

        ClinicianApp.launchFromTheEhr(browser, port);
    }

    @Test
    @Order(1)
    void launchesFromTheEhrWithTheCliniciansOwnToken() {
        Map<String, Object> app = resultMap("return {fhirUser: clinicianApp.user.fhirUser,"
                + " scope: clinicianApp.client.state.tokenResponse.scope,"
                + " storage: Object.keys(sessionStorage).length, cookies: document.cookie};");

        assertThat(app).containsEntry("fhirUser", ClinicianApp.CLINICIAN_FHIR_USER);
        assertThat((String) app.get("scope")).contains("launch", "user/*.rs", "user/Task.u");
        assertThat(((Number) app.get("storage")).intValue())
                .as("fhirclient keeps its state in sessionStorage")
                .isPositive();
        assertThat(app.get("cookies")).as("no cookies of the service's own").isEqualTo("");
    }

    @Test
    @Order(2)
    void showsThePlanDatesAndStatusesAsStored() throws Exception {
        ClinicianApp.open(browser, "#/patient/" + feverish.patientId(), "patient");
        CarePlan plan = onlyPlan(feverish);

        assertThat(browser.findElement(By.cssSelector("[data-view='patient']")).getAttribute("data-care-plan"))
                .isEqualTo(plan.getIdElement().getIdPart());
        assertThat(attribute("[data-field='surgery-date'] time", "datetime"))
                .isEqualTo(feverish.surgeryDate().toString());
        String details =
                browser.findElement(By.cssSelector("[data-field='details']")).getText();
        CodeSystem detailWords = (CodeSystem) backend.search()
                .byUrl("CodeSystem?url=" + Canonicals.BASE + "/CodeSystem/episode-detail")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        for (String code : feverish.details()) {
            String words = detailWords.getConcept().stream()
                    .filter(c -> c.getCode().equals(code))
                    .findFirst()
                    .orElseThrow()
                    .getDisplay();
            assertThat(details.toLowerCase()).contains(words.toLowerCase());
        }

        Map<String, Map<String, Object>> rows = rowsBy("tr[data-activity]", "data-activity");
        assertThat(rows).hasSize(plan.getActivity().size());
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            String key = ((Identifier)
                            activity.getExtensionByUrl(Canonicals.BASE + "/StructureDefinition/activity-identifier")
                                    .getValue())
                    .getValue();
            Period window = activity.getDetail().hasScheduledPeriod()
                    ? activity.getDetail().getScheduledPeriod()
                    : activity.getDetail().getScheduledTiming().getRepeat().getBoundsPeriod();
            assertThat(rows.get(key))
                    .as(key)
                    .containsEntry("start", window.getStartElement().getValueAsString())
                    .containsEntry("end", window.getEndElement().getValueAsString())
                    .containsEntry("status", activity.getDetail().getStatus().toCode());
        }
        assertThat(phaseCaptionsInOrder()).containsExactlyElementsOf(expectedPhases(plan));
        assertThat(result("return [...document.querySelectorAll('#plan-title ~ .table-wrap tbody')].every(body => {"
                        + " const starts = [...body.querySelectorAll('td[data-field=start] time')]"
                        + ".map(t => t.getAttribute('datetime'));"
                        + " return starts.every((s, i) => i === 0 || starts[i - 1] <= s); });"))
                .as("each phase in date order")
                .isEqualTo(true);

        Map<String, Map<String, Object>> goals = rowsBy("tr[data-goal]", "data-goal");
        List<Goal> stored = search(Goal.class, "Goal?patient=Patient/" + feverish.patientId());
        assertThat(goals).hasSize(stored.size());
        for (Goal goal : stored) {
            assertThat(goals.get(goal.getIdElement().getIdPart()))
                    .containsEntry(
                            "due", goal.getTargetFirstRep().getDueDateType().getValueAsString())
                    .containsEntry("status", goal.getLifecycleStatus().toCode());
        }

        Task task = onlyTask(feverish);
        WebElement card = browser.findElement(By.cssSelector("article[data-task='" + task.getIdPart() + "']"));
        assertThat(card.getAttribute("data-status")).isEqualTo("requested");
        assertThat(card.findElement(By.cssSelector("[data-priority]")).getAttribute("data-priority"))
                .isEqualTo(task.getPriority().toCode())
                .isEqualTo("urgent");
        assertThat(card.findElement(By.cssSelector("[data-field='findings']")).getText())
                .isNotBlank();
        assertThat(card.findElement(By.cssSelector("[data-field='state']")).getText())
                .startsWith("Open");

        List<Communication> messages =
                search(Communication.class, "Communication?patient=Patient/" + feverish.patientId()).stream()
                        .filter(c -> c.getBasedOnFirstRep()
                                .getReference()
                                .equals("CarePlan/" + plan.getIdElement().getIdPart()))
                        .filter(c -> !c.getIdPart().contains("-alert-"))
                        .toList();
        assertThat(browser.findElement(By.cssSelector("[data-field='message-counts']"))
                        .getText())
                .isEqualTo(count(messages, Communication.CommunicationStatus.COMPLETED) + " sent, "
                        + count(messages, Communication.CommunicationStatus.PREPARATION) + " planned, "
                        + count(messages, Communication.CommunicationStatus.NOTDONE) + " not sent.");
        assertThat(browser.findElements(By.cssSelector("[data-version]"))).hasSize(1);
    }

    @Test
    @Order(3)
    void acknowledgesAnEscalationFromThePageAndTheLadderStops() {
        ClinicianApp.open(browser, "#/patient/" + feverish.patientId(), "patient");
        Task task = onlyTask(feverish);
        String escalationId = task.getIdPart().substring(0, task.getIdPart().length() - "-ack".length());
        String card = "article[data-task='" + task.getIdPart() + "']";

        // By keyboard, as a clinician without a mouse would: the button takes Enter.
        browser.findElement(By.cssSelector(card + " button[data-action='acknowledge']"))
                .sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.findElements(By.cssSelector(card + "[data-status='accepted']"))
                                .size()
                        == 1);

        Task stored = onlyTask(feverish);
        assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
        assertThat(stored.getOwner().getReference()).isEqualTo(ClinicianApp.CLINICIAN_FHIR_USER);
        assertThat(browser.findElement(By.cssSelector(card + " [data-field='state']"))
                        .getText())
                .contains("no longer climbs");
        assertThat(browser.findElements(By.cssSelector(card + " button"))).isEmpty();
        assertThat(LadderClimbs.windowEnds(
                        context, escalationId, 0, Instant.now().plus(Duration.ofHours(5))))
                .as("the acknowledgement window passes without a climb")
                .isEmpty();
        assertThat(search(
                        Communication.class,
                        "Communication?patient=Patient/" + feverish.patientId() + "&category=alert"))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void ordersTheSurgeonsPatientsByUrgency() {
        ClinicianApp.open(browser, "#/worklist", "worklist");
        new Select(browser.findElement(By.id("surgeon"))).selectByValue(surgeon);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().contains("surgeon="));
        ClinicianApp.awaitView(browser, "worklist");

        assertThat(patientsListed())
                .as("asap escalation, then urgent, then three check-ins missed; nothing for a surgery still ahead")
                .containsExactly(inPain.patientId(), alsoFeverish.patientId(), silent.patientId());
        assertThat(browser.findElement(By.cssSelector("[data-patient='" + silent.patientId() + "']"))
                        .getText())
                .contains("3 daily check-ins missed in a row");

        new Select(browser.findElement(By.id("organization"))).selectByValue(otherOrganization);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().contains("organization="));
        ClinicianApp.awaitView(browser, "worklist");
        assertThat(patientsListed())
                .as("that surgeon has no patients at the other organization")
                .isEmpty();
    }

    @Test
    @Order(5)
    void bothPagesPassTheAccessibilityCheckAndAreCaptured() throws Exception {
        ClinicianApp.open(browser, "#/patient/" + feverish.patientId(), "patient");
        assertThat(ClinicianApp.seriousAccessibilityViolations(browser)).isEmpty();
        ClinicianApp.screenshot(browser, "clinician-app-patient.png", 1280);

        ClinicianApp.open(browser, "#/worklist?surgeon=" + surgeon, "worklist");
        assertThat(ClinicianApp.seriousAccessibilityViolations(browser)).isEmpty();
        ClinicianApp.screenshot(browser, "clinician-app-worklist.png", 1280);
    }

    @Test
    @Order(6)
    void staysAccessibleAtPhoneWidth() throws Exception {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            ClinicianApp.open(browser, "#/worklist?surgeon=" + surgeon, "worklist");
            assertThat(ClinicianApp.seriousAccessibilityViolations(browser)).isEmpty();
            assertThat(widerThanTheScreen())
                    .as("the worklist fits a phone's width")
                    .isEmpty();
            ClinicianApp.open(browser, "#/patient/" + feverish.patientId(), "patient");
            assertThat(ClinicianApp.seriousAccessibilityViolations(browser)).isEmpty();
            assertThat(widerThanTheScreen())
                    .as("wide tables scroll inside their own region, not the page")
                    .isEmpty();
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    @Test
    @Order(7)
    void saysWhatChangedBetweenPlanVersions() {
        LocalDate first = LocalDate.now().plusDays(30);
        LocalDate moved = first.plusDays(7);
        EpisodeSpec rescheduled = ClinicianApp.episode(backend, first, surgeon, organization);
        ClinicianApp.apply(backend, rescheduled.withSurgeryDate(moved), surgeon, organization);
        int versions = backend.history()
                .onInstance(onlyPlan(rescheduled).getIdElement().toUnqualifiedVersionless())
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .size();

        ClinicianApp.open(browser, "#/patient/" + rescheduled.patientId(), "patient");

        assertThat(versions).isEqualTo(2);
        assertThat(browser.findElements(By.cssSelector("li[data-version]"))).hasSize(versions);
        assertThat(browser.findElement(By.cssSelector("li[data-version='2']")).getText())
                .contains("Title:")
                .contains(first + "–" + first + " → " + moved + "–" + moved);
        assertThat(attribute("[data-field='surgery-date'] time", "datetime")).isEqualTo(moved.toString());
    }

    @Test
    @Order(10)
    void refusesALaunchNamingAnotherServer() {
        browser.get(ClinicianApp.origin(port) + "/app/launch.html?iss=https%3A%2F%2Fother.example%2Ffhir&launch=x");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> "launch refused".equals(driver.getTitle()));
        assertThat(browser.getCurrentUrl()).startsWith(ClinicianApp.origin(port) + "/app/launch.html");
        assertThat(browser.findElement(By.id("launch-status")).getText()).contains("only works with");
    }

    @Test
    void servesTheSameFhirclientBuildAsTheLockedNpmRelease() throws Exception {
        Path vendored = Path.of("src/main/resources/static/app/vendor/fhirclient-2.6.3/fhir-client.min.js");
        Path npm = TestBrowser.modules().resolve("fhirclient/build/fhir-client.min.js");
        assertThat(Files.readAllBytes(vendored)).isEqualTo(Files.readAllBytes(npm));
    }

    /** Elements reaching past the right edge of the page (inside a scrolling region they are not counted). */
    @SuppressWarnings("unchecked")
    private List<String> widerThanTheScreen() {
        return (List<String>) result("const edge = document.documentElement.clientWidth + 1;"
                + " return [...document.querySelectorAll('body *')]"
                + ".filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > edge)"
                + ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));");
    }

    private List<String> patientsListed() {
        List<String> ids = new ArrayList<>();
        browser.findElements(By.cssSelector("li[data-patient]")).forEach(e -> ids.add(e.getAttribute("data-patient")));
        return ids;
    }

    private List<String> phaseCaptionsInOrder() {
        List<String> captions = new ArrayList<>();
        browser.findElements(By.cssSelector("#plan-title ~ .table-wrap caption"))
                .forEach(e -> captions.add(e.getText()));
        return captions;
    }

    private List<String> expectedPhases(CarePlan plan) {
        PlanDefinition pathway = backend.read()
                .resource(PlanDefinition.class)
                .withId("spinal-fusion-pathway")
                .execute();
        Set<String> actions = new java.util.HashSet<>();
        plan.getActivity().forEach(a -> {
            String value = ((Identifier)
                            a.getExtensionByUrl(Canonicals.BASE + "/StructureDefinition/activity-identifier")
                                    .getValue())
                    .getValue();
            actions.add(value.substring(value.lastIndexOf('#') + 1));
        });
        return pathway.getAction().stream()
                .filter(phase -> phase.getAction().stream().anyMatch(a -> actions.contains(a.getId())))
                .map(PlanDefinition.PlanDefinitionActionComponent::getTitle)
                .toList();
    }

    /** Each row's dates (from the datetime of its time elements) and status, by the given attribute. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> rowsBy(String css, String key) {
        Object rows = ((JavascriptExecutor) browser)
                .executeScript(
                        "return [...document.querySelectorAll(arguments[0])].map(row => {"
                                + " const out = {key: row.getAttribute(arguments[1])};"
                                + " row.querySelectorAll('[data-field]').forEach(cell => {"
                                + " const time = cell.querySelector('time');"
                                + " out[cell.dataset.field] = time ? time.getAttribute('datetime')"
                                + " : cell.textContent.trim(); });"
                                + " return out; });",
                        css,
                        key);
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Object row : (List<Object>) rows) {
            Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) row);
            byKey.put((String) fields.remove("key"), fields);
        }
        return byKey;
    }

    private String attribute(String css, String name) {
        return browser.findElement(By.cssSelector(css)).getAttribute(name);
    }

    private Object result(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resultMap(String script) {
        return (Map<String, Object>) result(script);
    }

    private CarePlan onlyPlan(EpisodeSpec episode) {
        List<CarePlan> plans = search(CarePlan.class, "CarePlan?patient=Patient/" + episode.patientId());
        assertThat(plans).hasSize(1);
        return plans.get(0);
    }

    private Task onlyTask(EpisodeSpec episode) {
        List<Task> tasks = search(Task.class, "Task?patient=Patient/" + episode.patientId());
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private <T extends Resource> List<T> search(Class<T> type, String query) {
        List<T> found = new ArrayList<>();
        Bundle page = backend.search()
                .byUrl(query + "&_count=200")
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            page.getEntry().forEach(e -> found.add(type.cast(e.getResource())));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            page = backend.loadPage().next(page).execute();
        }
    }

    private static long count(List<Communication> messages, Communication.CommunicationStatus status) {
        return messages.stream().filter(c -> c.getStatus() == status).count();
    }
}
