package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
        // htmx swaps the nodes a condition reads; a swapped node is read again on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
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

  /**
   * The audience audit, the people list, a person (with a note added through the form) and the
   * focus list (with one reason marked done), at desktop width and at phone width.
   */
  @Test
  void auditPeopleAndFocusPages() throws IOException {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace bakery = BakeryFixture.build(s.rapport, TestServer.NOW);
      User owner = s.user("owner@lyonbakery.example", PASSWORD);
      s.grant(bakery, owner, Role.OWNER);
      Channel bluesky =
          s.rapport.workspaces().channels(bakery.id()).stream()
              .filter(c -> c.platform() == Platform.BLUESKY)
              .findFirst()
              .orElseThrow();
      long waiting =
          s.rapport
              .people()
              .byHandle(bakery.id(), Platform.BLUESKY, "follower10.bsky.social")
              .orElseThrow()
              .id();
      s.rapport
          .ledger()
          .ingest(
              bakery.id(),
              List.of(
                  new Engagement(
                      waiting,
                      bluesky.id(),
                      null,
                      EngagementKind.REPLY,
                      TestServer.NOW.minus(Duration.ofDays(2)),
                      "test",
                      "reply-10")));
      long waitingPerson =
          s.rapport.people().identity(bakery.id(), waiting).orElseThrow().personId();

      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // htmx swaps the nodes a condition reads; a swapped node is read again on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(s.uri("/w/" + BakeryFixture.SLUG).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("owner@lyonbakery.example");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("funnel-vanity")));

        // Audience audit, reached through the workspace navigation.
        driver.findElement(By.cssSelector(".wsnav a[href$='/audience']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("breakdown")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Audience audit");
        assertThat(driver.findElement(By.cssSelector("#verdict-real_person .count")).getText())
            .isEqualTo("30");
        assertThat(driver.findElement(By.cssSelector("#verdict-suspicious .count")).getText())
            .isEqualTo("10");
        assertThat(driver.findElements(By.cssSelector("table.flagged tbody tr"))).hasSize(10);
        assertThat(driver.findElement(By.cssSelector(".wsnav a[aria-current='page']")).getText())
            .isEqualTo("Audience");
        screenshot(driver, "05-audience");

        // A suspicious account's reasons lead to the person behind it.
        WebElement first = driver.findElement(By.cssSelector("table.flagged tbody tr"));
        assertThat(first.getText()).contains("fixture").contains("suspicious");
        first.findElement(By.cssSelector("th a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-verdict")));
        assertThat(driver.findElement(By.id("account-reasons")).getText()).contains("fixture");
        driver.findElement(By.cssSelector("#account-verdict a[href*='/people/']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identities")));
        assertThat(driver.findElement(By.cssSelector("#identities .verdict")).getText())
            .isEqualTo("suspicious");

        // People, filtered by verdict through the form.
        driver.findElement(By.cssSelector(".wsnav a[href$='/people']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-verdict")));
        new Select(driver.findElement(By.id("f-verdict"))).selectByValue("real_person");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("verdict=real_person"));
        assertThat(driver.findElement(By.id("list-title")).getText())
            .isEqualTo("1–30 of 30 people");
        screenshot(driver, "06-people");

        // A person: timeline, and a note added through the form (shown as text, not markup).
        driver.get(s.uri("/w/" + BakeryFixture.SLUG + "/people/" + waitingPerson).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(driver.findElements(By.cssSelector("ol.timeline li.kind-engagement")))
            .isNotEmpty();
        screenshot(driver, "07-person");
        driver.findElement(By.id("note-body")).sendKeys("Asked about <b>rye</b> on Sundays");
        driver.findElement(By.cssSelector(".note-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.note")));
        assertThat(driver.findElement(By.cssSelector("li.note .note-body")).getText())
            .isEqualTo("Asked about <b>rye</b> on Sundays");
        assertThat(driver.findElements(By.cssSelector("li.note b"))).isEmpty();
        screenshot(driver, "08-person-note");

        // Focus: the person waiting for an answer; mark it done.
        driver.findElement(By.cssSelector(".wsnav a[href$='/focus']")).click();
        By item = By.id("focus-" + waitingPerson);
        wait.until(ExpectedConditions.presenceOfElementLocated(item));
        assertThat(driver.findElement(item).getText()).contains("Waiting for an answer");
        screenshot(driver, "09-focus");
        WebElement before = driver.findElement(item);
        before.findElement(By.cssSelector(".done-form button")).click();
        wait.until(d -> gone(before));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".page-head h1")));
        assertThat(driver.findElements(item)).isEmpty();
        screenshot(driver, "10-focus-done");

        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));

        // The people filters: the five fields side by side at laptop width, stacked on a phone.
        String people = s.uri("/w/" + BakeryFixture.SLUG + "/people").toString();
        String fieldBoxes =
            "return Array.from(document.querySelectorAll('.filter-grid .field')).map(e => {"
                + " const r = e.getBoundingClientRect(); return [Math.round(r.left),"
                + " Math.round(r.top)]; });";
        driver.manage().window().setSize(new Dimension(1000, 900));
        driver.get(people);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-engaged")));
        List<?> laptop = (List<?>) ((JavascriptExecutor) driver).executeScript(fieldBoxes);
        assertThat(laptop).hasSize(5);
        assertThat(laptop.stream().map(b -> ((List<?>) b).get(1)).distinct())
            .as("one row of fields at 1000 px: " + laptop)
            .hasSize(1);
        screenshot(driver, "06-people-1000");
        driver.manage().window().setSize(new Dimension(390, 900));
        driver.get(people);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-engaged")));
        List<?> phone = (List<?>) ((JavascriptExecutor) driver).executeScript(fieldBoxes);
        assertThat(phone.stream().map(b -> ((List<?>) b).get(0)).distinct())
            .as("one column of fields at 390 px: " + phone)
            .hasSize(1);
        assertThat(phone.stream().map(b -> ((List<?>) b).get(1)).distinct())
            .as("each field on its own line at 390 px: " + phone)
            .hasSize(5);

        // At phone width the pages reflow instead of scrolling sideways; wide tables scroll
        // inside their .table-scroll (the dashboard's consistency table, the posts, the tokens).
        for (String page :
            List.of(
                "",
                "/posts",
                "/settings/tokens",
                "/people",
                "/audience",
                "/people/" + waitingPerson,
                "/focus",
                "/reports",
                "/settings",
                "/calendar",
                "/queue",
                "/compose")) {
          driver.get(s.uri("/w/" + BakeryFixture.SLUG + page).toString());
          wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".wsnav")));
          Number overflow =
              (Number)
                  ((JavascriptExecutor) driver)
                      .executeScript(
                          "return document.documentElement.scrollWidth - window.innerWidth;");
          Object widest =
              ((JavascriptExecutor) driver)
                  .executeScript(
                      "return Array.from(document.querySelectorAll('body *')).filter(e =>"
                          + " e.getBoundingClientRect().right > document.documentElement.clientWidth &&"
                          + " !(e.parentElement && e.parentElement.closest('.table-scroll'))).slice(0, 5).map(e => e.tagName + '#'"
                          + " + e.id + '.' + e.className).join(', ');");
          assertThat(overflow.longValue())
              .as("sideways overflow of " + page + ": " + widest)
              .isLessThanOrEqualTo(0);
          screenshot(driver, "11-phone" + page.replace('/', '-'));
        }
      } finally {
        driver.quit();
      }
    }
  }

  /**
   * A newcomer's audit: upload a follower file on the audience page, read the result, find the
   * audit in the history and open a suspicious account's reasons; then the reports page draws its
   * charts.
   */
  @Test
  void uploadAFollowerFileAndOpenASuspiciousAccountsReasons() throws IOException {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace bakery = BakeryFixture.build(s.rapport, TestServer.NOW);
      User owner = s.user("owner@lyonbakery.example", PASSWORD);
      s.grant(bakery, owner, Role.OWNER);
      Path followers = Files.createTempFile("followers-", ".jsonl");
      try (var in = getClass().getResourceAsStream("/dev/rapport/authenticity/audience.jsonl")) {
        Files.write(followers, in.readAllBytes());
      }
      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // htmx swaps the nodes a condition reads; a swapped node is read again on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(s.uri("/w/" + BakeryFixture.SLUG + "/audience").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("owner@lyonbakery.example");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-form")));

        driver.findElement(By.id("audit-file")).sendKeys(followers.toAbsolutePath().toString());
        new Select(driver.findElement(By.id("audit-channel")))
            .selectByVisibleText("bluesky lyonbakery.bsky.social");
        screenshot(driver, "20-audit-upload");
        driver.findElement(By.cssSelector("#audit-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-summary")));
        assertThat(driver.findElement(By.id("audit-summary")).getText())
            .contains("8 accounts read");
        screenshot(driver, "21-audit-result");

        driver.findElement(By.cssSelector("#audit-summary a[href$='#history']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(driver.findElement(By.cssSelector("table.audits tbody tr")).getText())
            .contains(followers.getFileName().toString())
            .contains("8");

        // A suspicious account from the list: its verdict, confidence and reasons in plain words.
        new Select(driver.findElement(By.id("f-category"))).selectByValue("suspicious");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("category=suspicious"));
        driver.findElement(By.cssSelector("table.flagged tbody tr th a.account-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-verdict")));
        assertThat(driver.findElement(By.id("account-category")).getText()).isEqualTo("suspicious");
        assertThat(driver.findElement(By.id("account-probability")).getText()).endsWith("%");
        assertThat(driver.findElements(By.cssSelector("#account-reasons li"))).isNotEmpty();
        screenshot(driver, "22-suspicious-account-reasons");

        driver.findElement(By.cssSelector(".wsnav a[href$='/reports']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("adherence")));
        wait.until(
            d ->
                "true"
                    .equals(
                        d.findElement(By.id("report-rate-chart")).getAttribute("data-rendered")));
        assertThat(driver.findElement(By.id("report-rate-chart")).getAttribute("data-points"))
            .isEqualTo(String.valueOf(BakeryFixture.POSTS));
        screenshot(driver, "23-reports");
      } finally {
        driver.quit();
        Files.deleteIfExists(followers);
      }
    }
  }

  /**
   * True once the element's page is gone. While a page reloads ChromeDriver may answer "node does
   * not belong to the document" instead of "stale"; both mean the old page is gone.
   */
  static boolean gone(WebElement e) {
    try {
      e.isEnabled();
      return false;
    } catch (org.openqa.selenium.WebDriverException replaced) {
      return true;
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
