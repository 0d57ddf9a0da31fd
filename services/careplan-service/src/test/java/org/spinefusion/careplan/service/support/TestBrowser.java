package org.spinefusion.careplan.service.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Chromium per JVM (Debian's {@code chromium} through its {@code chromedriver}; Selenium Manager never
 * downloads anything because both paths are given), with a fresh profile, quit when the JVM exits. Where Chromium,
 * its driver or the npm clients are missing the browser tests are skipped, except under {@code CI=true}, where that
 * is a failure: CI installs them ({@code .ci/run}).
 */
public final class TestBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private TestBrowser() {}

    /** The shared browser, its cookies cleared, so each launch starts logged out of the authorization server. */
    public static ChromeDriver driver() {
        require(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver)");
        ChromeDriver driver = Holder.DRIVER;
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return driver;
    }

    /** The npm packages of src/test/browser, as the build installed them. */
    public static Path modules() {
        String location = System.getProperty("careplan.test.browser.modules", "");
        Path modules = Path.of(location);
        require(
                !location.isBlank() && Files.isDirectory(modules.resolve("fhirclient")),
                "The browser clients are not installed (./mvnw verify runs npm ci; is npm on the PATH?)");
        return modules;
    }

    /** What the page logged to the console since the last call, for failure messages. */
    public static String console(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static void require(boolean available, String why) {
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why + "; skipped outside CI");
        }
    }

    private static final class Holder {
        static final ChromeDriver DRIVER = start();

        private static ChromeDriver start() {
            try {
                Path profile = Files.createTempDirectory("careplan-chromium-");
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM.toFile());
                options.addArguments(List.of(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile));
                options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
                ChromeDriver driver = new ChromeDriver(service, options);
                driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
                driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
                return driver;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
