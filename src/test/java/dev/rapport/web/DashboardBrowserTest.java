package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's first visit in Debian's headless Chromium (never a downloaded browser): sign in, pick
 * the workspace, read the funnel and the chart. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String PASSWORD = "a long and private passphrase";

  @Test
  void signInAndReadTheDashboard() throws IOException {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace bakery = BakeryFixture.build(s.rapport, TestServer.NOW);
      Workspace other = s.workspace("studio-north", "Studio North");
      User owner = s.user("owner@lyonbakery.example", PASSWORD);
      s.grant(bakery, owner, Role.OWNER);
      s.grant(other, owner, Role.VIEWER);
      // The fixture's figures, as the capability computes them, match the hand-worked ones.
      TruthSummary truth =
          s.rapport.truth().summary(bakery.id(), TestServer.NOW, Truth.DEFAULT_WINDOW);
      assertThat(
              List.of(
                  truth.vanityFollowers(),
                  truth.followers(),
                  truth.authenticFollowers(),
                  truth.engagedAudience(),
                  truth.core(),
                  truth.customers()))
          .containsExactly(
              BakeryFixture.VANITY,
              BakeryFixture.KNOWN,
              BakeryFixture.AUTHENTIC,
              BakeryFixture.ENGAGED,
              BakeryFixture.CORE,
              BakeryFixture.CUSTOMERS);

      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(s.uri("/w/" + BakeryFixture.SLUG).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("owner@lyonbakery.example");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        screenshot(driver, "01-sign-in");
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        // Back where the visit started, after sign-in.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("funnel-vanity")));
        assertThat(driver.getCurrentUrl()).endsWith("/w/" + BakeryFixture.SLUG);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(BakeryFixture.NAME);

        Map<String, String> funnel =
            Map.of(
                "vanity", "2,000",
                "known", "60",
                "authentic", "35",
                "engaged", "20",
                "core", "6",
                "customers", "2");
        funnel.forEach(
            (step, count) ->
                assertThat(
                        driver.findElement(By.cssSelector("#funnel-" + step + " .count")).getText())
                    .as(step)
                    .isEqualTo(count));
        assertThat(driver.findElement(By.cssSelector("#funnel-known .pct")).getText())
            .isEqualTo("3.0%");
        assertThat(driver.findElement(By.cssSelector("#funnel-authentic .pct")).getText())
            .isEqualTo("1.8%");
        assertThat(driver.findElement(By.cssSelector("#quality .value")).getText())
            .isEqualTo(String.valueOf(Math.round(truth.qualityScore())));

        WebElement chart =
            wait.until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#rate-chart[data-rendered='true']")));
        assertThat(chart.getAttribute("data-points"))
            .isEqualTo(String.valueOf(BakeryFixture.POSTS));
        Number painted =
            (Number)
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "const c = document.querySelector('#rate-chart canvas');"
                            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                            + "return n;");
        assertThat(painted.longValue()).as("painted chart pixels").isGreaterThan(1_000);
        assertThat(driver.findElements(By.cssSelector(".u-legend .u-series")))
            .extracting(WebElement::getText)
            .anySatisfy(t -> assertThat(t).contains("Authentic rate"))
            .anySatisfy(t -> assertThat(t).contains("Raw rate"));

        // The page works under its Content-Security-Policy: the browser reported no violation.
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));

        List<WebElement> rows = driver.findElements(By.cssSelector("table.posts tbody tr"));
        assertThat(rows).hasSize(BakeryFixture.POSTS);
        assertThat(rows.get(0).findElement(By.className("bot-likes")).getText())
            .matches("\\d+\\.\\d% of this post's likes came from suspicious accounts");
        screenshot(driver, "02-dashboard");

        // The switcher lists both workspaces and moves between them.
        driver.findElement(By.cssSelector(".switcher summary")).click();
        List<String> names =
            driver.findElements(By.cssSelector(".switcher li a")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(names).anySatisfy(n -> assertThat(n).contains("Lyon Bakery"));
        assertThat(names).anySatisfy(n -> assertThat(n).contains("Studio North"));
        screenshot(driver, "03-switcher");
        driver.findElement(By.partialLinkText("Studio North")).click();
        wait.until(ExpectedConditions.urlContains("/w/studio-north"));
        assertThat(driver.findElement(By.cssSelector("#rate-chart")).getAttribute("data-rendered"))
            .isEqualTo("empty");
        screenshot(driver, "04-empty-workspace");
      } finally {
        driver.quit();
      }
    }
  }

  static void requireBrowser() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if ("true".equals(System.getenv("RAPPORT_TEST_REQUIRE_BROWSER"))) {
        fail(
            "RAPPORT_TEST_REQUIRE_BROWSER is set but "
                + CHROMIUM
                + " or "
                + CHROMEDRIVER
                + " is missing (apt-get install chromium chromium-driver)");
      }
      Assumptions.abort("Debian's chromium and chromium-driver are not installed");
    }
  }

  static WebDriver chromium() throws IOException {
    // Explicit paths: Selenium Manager must never download a browser or a driver.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,2000",
        "--user-data-dir=" + Files.createTempDirectory("rapport-chromium"));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  static void screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }
}
