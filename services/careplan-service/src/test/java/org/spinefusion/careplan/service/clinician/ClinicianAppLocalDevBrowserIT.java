package org.spinefusion.careplan.service.clinician;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.LocalDevIntegrationTest;
import org.spinefusion.careplan.service.support.LocalDevLogin;
import org.spinefusion.careplan.service.support.TestBrowser;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's one command is enough for the clinician app too: the service in local-dev mode alone, the app at
 * {@code /app/} launched standalone, the local-dev clinician logging in on the service's own login page, and the
 * worklist showing a patient with an open escalation.
 */
@LocalDevIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicianAppLocalDevBrowserIT {

    @LocalServerPort
    int port;

    ChromeDriver browser;
    EpisodeSpec feverish;

    @BeforeAll
    void launchAsTheLocalDevClinician() throws Exception {
        browser = TestBrowser.driver();
        IGenericClient backend = FhirClients.client(port, LocalDevLogin.systemToken());
        feverish = ClinicianApp.episode(
                backend,
                LocalDate.now().minusDays(3),
                "Practitioner/" + Fixtures.unique("surgeon"),
                "Organization/" + Fixtures.unique("clinic"));
        ClinicianApp.symptomCheck(backend, feverish, Map.of("temperature-taken", true, "temperature", 38.6));

        browser.manage().deleteAllCookies();
        browser.get(ClinicianApp.origin(port) + "/app/launch.html");
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys("clinician");
        browser.findElement(By.id("password")).sendKeys("clinician");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        ClinicianApp.awaitView(browser, "worklist");
    }

    @Test
    void listsThePatientWithAnOpenEscalation() {
        ClinicianApp.open(browser, "#/worklist", "worklist");
        assertThat(browser.findElements(By.cssSelector("[data-patient='" + feverish.patientId() + "']")))
                .as("the feverish patient on the local-dev clinician's worklist")
                .hasSize(1);
    }

    @Test
    void opensThePatientView() {
        ClinicianApp.open(browser, "#/patient/" + feverish.patientId(), "patient");
        assertThat(browser.findElements(By.cssSelector("article[data-task] [data-priority]")))
                .as("the fever's escalation, at its priority")
                .singleElement()
                .satisfies(priority ->
                        assertThat(priority.getAttribute("data-priority")).isEqualTo("urgent"));
    }
}
