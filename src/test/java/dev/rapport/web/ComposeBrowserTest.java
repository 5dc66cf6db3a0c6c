package dev.rapport.web;

import static dev.rapport.web.DashboardBrowserTest.chromium;
import static dev.rapport.web.DashboardBrowserTest.requireBrowser;
import static dev.rapport.web.DashboardBrowserTest.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The newcomer's path for posts in Debian's headless Chromium: sign in, write a post and watch the
 * rubric react as the text changes, add it to the queue, find it on the calendar, drag it to
 * another day. Screenshots go to {@code target/screenshots/2x-*.png}.
 */
class ComposeBrowserTest {

  static final String PASSWORD = DashboardBrowserTest.PASSWORD;

  @Test
  void writeAPostSeeTheRubricReactScheduleItAndFindItOnTheCalendar() throws IOException {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace ws =
          s.rapport
              .workspaces()
              .create(
                  "bakery",
                  "Lyon Bakery",
                  ZoneId.of("UTC"),
                  new TargetAudience(
                      "home bakers in Berlin",
                      List.of("bread", "sourdough"),
                      List.of(),
                      List.of()));
      Channel mastodon =
          s.rapport.workspaces().addChannel(ws.id(), Platform.MASTODON, "bakery@social", null);
      s.rapport.workspaces().addChannel(ws.id(), Platform.BLUESKY, "bakery.bsky", null);
      User author = s.user("author@lyonbakery.example", PASSWORD);
      User manager = s.user("manager@lyonbakery.example", PASSWORD);
      s.grant(ws, author, Role.AUTHOR);
      s.grant(ws, manager, Role.MANAGER);
      // TestServer.NOW is Wednesday 2026-06-17 12:00 UTC: the next slot is Thursday 10:00.
      s.rapport
          .planner()
          .setSlots(manager.id(), ws.id(), mastodon.id(), List.of(Slot.parse("thu 10:00")));

      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // htmx swaps the nodes a condition reads; a swapped node is read again on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(s.uri("/w/bakery/compose").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("author@lyonbakery.example");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        screenshot(driver, "20-compose-sign-in");
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        // The composer, with the workspace's channels to pick.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shared")));
        assertThat(driver.getCurrentUrl()).endsWith("/w/bakery/compose");
        WebElement card = driver.findElement(By.id("variant-card-" + mastodon.id()));
        assertThat(card.isDisplayed()).as("unchosen channels are hidden").isFalse();
        driver.findElement(By.id("ch-" + mastodon.id())).click();
        assertThat(card.isDisplayed()).isTrue();

        // A vague, shouty first try: the rubric finds things to say.
        driver.findElement(By.id("shared")).sendKeys("Best bread ever!!! Amazing!!!");
        By findings = By.cssSelector("#findings-" + mastodon.id() + " li.finding");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(findings, 0));
        wait.until(
            ExpectedConditions.not(
                ExpectedConditions.textToBe(By.id("score-" + mastodon.id()), "—")));
        List<String> first = texts(driver, findings);
        String firstScore = driver.findElement(By.id("score-" + mastodon.id())).getText();
        // The channel's text followed the shared text.
        assertThat(driver.findElement(By.id("text_" + mastodon.id())).getAttribute("value"))
            .isEqualTo("Best bread ever!!! Amazing!!!");
        assertThat(first).isNotEmpty();
        screenshot(driver, "21-compose-rubric-first");

        // A concrete post for the audience: the findings change as it is typed.
        WebElement shared = driver.findElement(By.id("shared"));
        shared.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        shared.sendKeys(PublishingPagesTest.GOOD);
        wait.until(d -> !texts(d, findings).equals(first));
        wait.until(
            d ->
                !d.findElement(By.id("lint-state-" + mastodon.id())).getText().equals("checking…"));
        List<String> second = texts(driver, findings);
        String secondScore = driver.findElement(By.id("score-" + mastodon.id())).getText();
        assertThat(second).isNotEqualTo(first);
        assertThat(secondScore).as("score after %s", firstScore).isNotEqualTo(firstScore);
        screenshot(driver, "22-compose-rubric-after");

        // Add it to the queue: it lands on Thursday's slot, and the calendar shows it.
        driver.findElement(By.id("queue-button")).click();
        wait.until(ExpectedConditions.urlContains("/w/bakery/calendar?week=2026-06-18"));
        PlannedPost post = s.rapport.reviews().posts(ws.id(), null, 0, 1).posts().get(0);
        PlannedVariant v = post.variants().get(0);
        assertThat(v.state()).isEqualTo(PostState.SCHEDULED);
        assertThat(v.scheduledAt()).isEqualTo(Instant.parse("2026-06-18T10:00:00Z"));
        WebElement entry =
            wait.until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#day-2026-06-18 #variant-" + v.id())));
        assertThat(entry.getText())
            .contains("10:00")
            .contains("mastodon")
            .contains("rye sourdough");
        screenshot(driver, "23-calendar-week");

        // Drag it to Saturday: the page reloads with it there, at the same time of day.
        ((JavascriptExecutor) driver)
            .executeScript(
                "const src = document.getElementById(arguments[0]);"
                    + "const dst = document.getElementById('day-2026-06-20');"
                    + "const dt = new DataTransfer();"
                    + "src.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                    + "dst.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                    + "dst.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                    + "src.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));",
                "variant-" + v.id());
        wait.until(d -> DashboardBrowserTest.gone(entry));
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#day-2026-06-20 #variant-" + v.id())));
        assertThat(s.rapport.reviews().variant(ws.id(), v.id()).orElseThrow().scheduledAt())
            .isEqualTo(Instant.parse("2026-06-20T10:00:00Z"));
        screenshot(driver, "24-calendar-dragged");

        // The month view and the queue show it too.
        driver.get(s.uri("/w/bakery/calendar?month=2026-06").toString());
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#day-2026-06-20 #variant-" + v.id())));
        screenshot(driver, "25-calendar-month");
        driver.get(s.uri("/w/bakery/queue").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queued-" + v.id())));
        screenshot(driver, "26-queue");

        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));
      } finally {
        driver.quit();
      }
    }
  }

  /**
   * The attach form's fields sit in the channel's card but belong to a form after the composer's
   * (forms do not nest): a real browser must send the chosen file through the {@code form}
   * attribute, and the kept copy must load under the page's Content Security Policy.
   */
  @Test
  void attachAnImageToAnInstagramPostSeeItAndRemoveIt() throws Exception {
    requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("bakery", "Lyon Bakery");
      Channel instagram =
          s.rapport.workspaces().addChannel(ws.id(), Platform.INSTAGRAM, "lyonbakery", null);
      User author = s.user("author@lyonbakery.example", PASSWORD);
      s.grant(ws, author, Role.AUTHOR);
      long post =
          s.rapport
              .reviews()
              .create(
                  author.id(),
                  ws.id(),
                  new dev.rapport.publishing.DraftPost(
                      "Rye",
                      List.of(
                          new dev.rapport.publishing.DraftPost.DraftVariant(
                              instagram.id(), PublishingPagesTest.GOOD, List.of()))));
      long variant = s.rapport.reviews().post(ws.id(), post).orElseThrow().variants().get(0).id();
      java.nio.file.Path photo = java.nio.file.Files.createTempFile("rye", ".jpg");
      java.awt.image.BufferedImage image =
          new java.awt.image.BufferedImage(1080, 1350, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = image.createGraphics();
      g.setColor(new java.awt.Color(0xC8, 0x8A, 0x4B));
      g.fillRect(0, 0, 1080, 1350);
      g.dispose();
      javax.imageio.ImageIO.write(image, "jpg", photo.toFile());

      WebDriver driver = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(s.uri("/w/bakery/compose?post=" + post).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("author@lyonbakery.example");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file-" + instagram.id())));

        driver.findElement(By.id("file-" + instagram.id())).sendKeys(photo.toString());
        driver.findElement(By.id("alt-" + instagram.id())).sendKeys("A rye loaf on the counter");
        driver.findElement(By.cssSelector("button[form=media-add-" + variant + "]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compose-notice")));
        assertThat(driver.findElement(By.id("compose-notice")).getText()).startsWith("Attached.");
        WebElement thumb =
            wait.until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#media-" + instagram.id() + " img.thumb")));
        wait.until(
            d ->
                ((Number)
                            ((JavascriptExecutor) d)
                                .executeScript(
                                    "return arguments[0].complete ? arguments[0].naturalWidth : 0",
                                    thumb))
                        .intValue()
                    == 1080);
        assertThat(thumb.getAttribute("alt")).isEqualTo("A rye loaf on the counter");
        // The live rubric sees the attachment too: no "needs an image" blocker any more.
        wait.until(
            d -> {
              String score = d.findElement(By.id("score-" + instagram.id())).getText();
              return !score.equals("—") && !score.startsWith("40/");
            });
        assertThat(driver.findElement(By.id("findings-" + instagram.id())).getText())
            .doesNotContain("need an image");
        assertThat(s.rapport.reviews().variant(ws.id(), variant).orElseThrow().media())
            .singleElement()
            .satisfies(m -> assertThat(m.location()).startsWith("media:"));
        screenshot(driver, "27-compose-media");

        driver.findElement(By.cssSelector("button[form=media-rm-" + variant + "-0]")).click();
        wait.until(d -> d.findElement(By.id("compose-notice")).getText().contains("was removed"));
        assertThat(driver.findElements(By.cssSelector("#media-" + instagram.id() + " img.thumb")))
            .isEmpty();
        assertThat(s.rapport.reviews().variant(ws.id(), variant).orElseThrow().media()).isEmpty();
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));
      } finally {
        driver.quit();
        java.nio.file.Files.deleteIfExists(photo);
      }
    }
  }

  private static List<String> texts(WebDriver driver, By by) {
    return driver.findElements(by).stream().map(e -> e.getAttribute("data-code")).toList();
  }
}
