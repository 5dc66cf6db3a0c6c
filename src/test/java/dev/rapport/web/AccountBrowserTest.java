package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The person's own page in headless Chromium: reached from the name in the top bar, the password
 * changed through the form, the sign-ins listed; no CSP violation and no sideways scrolling on a
 * phone. Screenshots {@code target/screenshots/20-me*.png}.
 */
class AccountBrowserTest {

  static final String OLD = "a long and private passphrase";
  static final String NEW = "sourdough rises slowly at dawn";

  @Test
  void changeThePasswordFromTheTopBar() throws IOException {
    DashboardBrowserTest.requireBrowser();
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha Bakery");
      User ana = s.user("ana@example.com", OLD);
      s.grant(ws, ana, Role.OWNER);
      WebDriver driver = DashboardBrowserTest.chromium();
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(s.uri("/login").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).sendKeys("ana@example.com");
        driver.findElement(By.id("password")).sendKeys(OLD);
        // The person may check what they typed (ASVS 2.1.12), and it is masked again after.
        driver.findElement(By.id("show-password")).click();
        assertThat(driver.findElement(By.id("password")).getAttribute("type")).isEqualTo("text");
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEqualTo(OLD);
        DashboardBrowserTest.screenshot(driver, "19-sign-in-shown");
        driver.findElement(By.id("show-password")).click();
        assertThat(driver.findElement(By.id("password")).getAttribute("type"))
            .isEqualTo("password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("me-link")));

        driver.findElement(By.id("me-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-sessions")));
        assertThat(driver.findElement(By.id("my-sessions")).getText()).contains("(this browser)");
        DashboardBrowserTest.screenshot(driver, "20-me");

        driver.findElement(By.id("current-password")).sendKeys(OLD);
        driver.findElement(By.id("new-password")).sendKeys("password1234");
        driver.findElement(By.id("confirm-password")).sendKeys("password1234");
        driver.findElement(By.cssSelector("form[action='/me/password'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-error")));
        assertThat(driver.findElement(By.id("password-error")).getText()).contains("too easy");

        driver.findElement(By.id("current-password")).sendKeys(OLD);
        driver.findElement(By.id("new-password")).sendKeys(NEW);
        driver.findElement(By.id("confirm-password")).sendKeys(NEW);
        driver.findElement(By.id("show-passwords")).click();
        for (String id :
            java.util.List.of("current-password", "new-password", "confirm-password")) {
          assertThat(driver.findElement(By.id(id)).getAttribute("type")).as(id).isEqualTo("text");
        }
        driver.findElement(By.cssSelector("form[action='/me/password'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("me-notice")));
        assertThat(driver.findElement(By.id("me-notice")).getText())
            .isEqualTo(AccountRoutes.CHANGED);
        DashboardBrowserTest.screenshot(driver, "21-me-changed");
        assertThat(
                s.rapport
                    .passwords()
                    .matches(NEW, s.rapport.workspaces().passwordHash(ana.id()).orElseThrow()))
            .isTrue();

        driver.manage().window().setSize(new Dimension(390, 900));
        driver.get(s.uri("/me").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-sessions")));
        Number overflow =
            (Number)
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.longValue()).as("sideways overflow of /me").isLessThanOrEqualTo(0);
        DashboardBrowserTest.screenshot(driver, "22-me-phone");

        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
            .extracting(LogEntry::getMessage)
            .noneMatch(m -> m.contains("Content Security Policy"));
      } finally {
        driver.quit();
      }
    }
  }
}
