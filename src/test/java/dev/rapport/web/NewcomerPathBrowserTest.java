package dev.rapport.web;

import static dev.rapport.web.DashboardBrowserTest.chromium;
import static dev.rapport.web.DashboardBrowserTest.requireBrowser;
import static dev.rapport.web.DashboardBrowserTest.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.simulation.SimulationSettings;
import dev.rapport.simulation.Simulator;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A newcomer's whole path in one browser session, on the demo workspace as {@code rapport demo}
 * builds it: sign in, read the dashboard, audit a follower file and open a suspicious account's
 * reasons, open a person and add a note, write a post and watch the rubric react, schedule it and
 * find it on the calendar. Screenshots {@code target/screenshots/40-…} to {@code 49-…}.
 */
class NewcomerPathBrowserTest {

  static final String EMAIL = "demo@rapport.local";
  static final String PASSWORD = "rapport-demo";

  @Test
  void theDemoFromSignInToACalendarEntry() throws IOException {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      // The demo workspace, built the way `rapport demo` builds it.
      new Simulator(
              s.rapport.workspaces(),
              s.rapport.people(),
              s.rapport.posts(),
              s.rapport.ledger(),
              s.rapport.conversions(),
              s.rapport.truth(),
              new RuleBaseline())
          .run("demo", SimulationSettings.demo(TestServer.NOW), SimulationProgress.NONE);
      Workspace demo = s.rapport.workspaces().bySlug("demo").orElseThrow();
      User owner = s.user(EMAIL, PASSWORD);
      s.grant(demo, owner, Role.OWNER);
      TruthSummary truth =
          s.rapport.truth().summary(demo.id(), TestServer.NOW, Truth.DEFAULT_WINDOW);
      Path followers = Files.createTempFile("followers-", ".jsonl");
      try (var in = getClass().getResourceAsStream("/dev/rapport/authenticity/audience.jsonl")) {
        Files.write(followers, in.readAllBytes());
      }

      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // htmx swaps the nodes a condition reads; a swapped node is read again on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
        // 1. Sign in and read the dashboard: the funnel shows the workspace's own figures.
        driver.get(s.uri("/").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys(EMAIL);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        screenshot(driver, "40-newcomer-sign-in");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("funnel-vanity")));
        assertThat(driver.getCurrentUrl()).endsWith("/w/demo");
        assertThat(count(driver, "#funnel-authentic .count")).isEqualTo(truth.authenticFollowers());
        assertThat(count(driver, "#funnel-engaged .count")).isEqualTo(truth.engagedAudience());
        assertThat(count(driver, "#funnel-core .count")).isEqualTo(truth.core());
        wait.until(
            d -> "true".equals(d.findElement(By.id("rate-chart")).getAttribute("data-rendered")));
        screenshot(driver, "41-newcomer-dashboard");

        // 2. Audit a follower file, then open a suspicious account's reasons.
        driver.findElement(By.cssSelector(".wsnav a[href$='/audience']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-form")));
        driver.findElement(By.id("audit-file")).sendKeys(followers.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#audit-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-summary")));
        assertThat(driver.findElement(By.id("audit-summary")).getText())
            .contains("8 accounts read");
        screenshot(driver, "42-newcomer-audit");
        driver.get(s.uri("/w/demo/audience?category=suspicious").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.flagged")));
        driver.findElement(By.cssSelector("table.flagged tbody tr th a.account-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-verdict")));
        assertThat(driver.findElement(By.id("account-category")).getText()).isEqualTo("suspicious");
        assertThat(driver.findElements(By.cssSelector("#account-reasons li"))).isNotEmpty();
        screenshot(driver, "43-newcomer-suspicious-reasons");

        // 3. Open a person and add a note: it shows on their timeline, escaped.
        driver.findElement(By.cssSelector(".wsnav a[href$='/people']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.people")));
        driver.findElement(By.cssSelector("table.people tbody tr th a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        driver.findElement(By.id("note-body")).sendKeys("Met at the <b>market</b>; likes rye");
        driver.findElement(By.cssSelector(".note-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.note")));
        assertThat(driver.findElement(By.cssSelector("li.note .note-body")).getText())
            .isEqualTo("Met at the <b>market</b>; likes rye");
        screenshot(driver, "44-newcomer-person-note");

        // 4. Write a post: the rubric reacts as it is typed.
        driver.findElement(By.cssSelector(".wsnav a[href$='/compose']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shared")));
        // A text-only post: Mastodon (Instagram would rightly ask for an image first).
        long channel =
            s.rapport.workspaces().channels(demo.id()).stream()
                .filter(c -> c.platform() == dev.rapport.workspace.Platform.MASTODON)
                .findFirst()
                .orElseThrow()
                .id();
        driver.findElement(By.id("ch-" + channel)).click();
        driver.findElement(By.id("shared")).sendKeys("Best bread ever!!! Amazing!!!");
        By findings = By.cssSelector("#findings-" + channel + " li.finding");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(findings, 0));
        String vague = codes(driver, findings);
        screenshot(driver, "45-newcomer-rubric-vague");
        WebElement shared = driver.findElement(By.id("shared"));
        shared.clear();
        shared.sendKeys(PublishingPagesTest.GOOD);
        wait.until(d -> !codes(d, findings).equals(vague));
        screenshot(driver, "46-newcomer-rubric-concrete");

        // 5. Schedule it for Friday 09:00 and find it on the calendar.
        ((JavascriptExecutor) driver)
            .executeScript("document.getElementById('at').value = '2026-06-19T09:00';");
        driver.findElement(By.cssSelector("button[name=action][value=schedule]")).click();
        wait.until(ExpectedConditions.urlContains("/w/demo/calendar?week=2026-06-19"));
        PlannedPost post = s.rapport.reviews().posts(demo.id(), null, 0, 1).posts().get(0);
        long variant = post.variants().get(0).id();
        assertThat(post.variants().get(0).scheduledAt())
            .isEqualTo(Instant.parse("2026-06-19T09:00:00Z"));
        WebElement entry =
            wait.until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#day-2026-06-19 #variant-" + variant)));
        assertThat(entry.getText()).contains("09:00").contains("rye sourdough");
        screenshot(driver, "47-newcomer-calendar");

        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));
      } finally {
        driver.quit();
        Files.deleteIfExists(followers);
      }
    }
  }

  private static long count(WebDriver driver, String css) {
    return Long.parseLong(driver.findElement(By.cssSelector(css)).getText().replace(",", ""));
  }

  private static String codes(WebDriver driver, By by) {
    return String.join(
        ",", driver.findElements(by).stream().map(e -> e.getAttribute("data-code")).toList());
  }
}
