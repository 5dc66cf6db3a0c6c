package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The person's own sign-in page over real HTTP: a password change asks for the current password,
 * follows the password policy, ends every other session and starts a fresh one; "sign out
 * everywhere" ends them all (ASVS 4.0.3 V2.1, V3.3, V3.7).
 */
class AccountSecurityTest {

  static final String OLD = "correct horse battery staple";
  static final String NEW = "sourdough rises slowly at dawn";

  @Test
  void aPasswordChangeNeedsTheCurrentPasswordAndEndsEveryOtherSession() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User ana = s.user("ana@example.com", OLD);
      s.grant(ws, ana, Role.MANAGER);
      Client here = s.client().signedIn("ana@example.com", OLD);
      Client elsewhere = s.client().signedIn("ana@example.com", OLD);
      String before = here.cookie(Cookies.SESSION).orElseThrow();

      HttpResponse<String> page = here.get("/me");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("Change your password")
          .contains("autocomplete=\"current-password\"")
          .contains("autocomplete=\"new-password\"");

      HttpResponse<String> wrong = change(here, "not my password", NEW, NEW);
      assertThat(wrong.statusCode()).isEqualTo(403);
      assertThat(wrong.body()).contains(AccountRoutes.WRONG_CURRENT);
      assertThat(change(here, OLD, NEW, NEW + "x").body()).contains("are not the same");
      HttpResponse<String> short_ = change(here, OLD, "short pass", "short pass");
      assertThat(short_.statusCode()).isEqualTo(422);
      assertThat(short_.body()).contains("at least 12 characters");
      HttpResponse<String> common = change(here, OLD, "password1234", "password1234");
      assertThat(common.statusCode()).isEqualTo(422);
      assertThat(common.body()).contains("too easy to guess").contains("common");
      HttpResponse<String> own = change(here, OLD, "ana@example.com", "ana@example.com");
      assertThat(own.statusCode()).as("the e-mail address itself").isEqualTo(422);
      assertThat(elsewhere.get("/w/alpha").statusCode())
          .as("refused changes end nothing")
          .isEqualTo(200);

      HttpResponse<String> done = change(here, OLD, NEW, NEW);
      assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
      assertThat(done.headers().firstValue("Location")).contains("/me?changed=password");
      String after = here.cookie(Cookies.SESSION).orElseThrow();
      assertThat(after).as("a fresh session here").isNotEqualTo(before);
      assertThat(here.get("/me?changed=password").body()).contains(AccountRoutes.CHANGED);
      assertThat(here.get("/w/alpha").statusCode()).isEqualTo(200);
      assertThat(elsewhere.get("/w/alpha").statusCode())
          .as("the other browser is signed out")
          .isEqualTo(303);

      assertThat(s.client().signIn("ana@example.com", OLD).statusCode()).isEqualTo(401);
      s.client().signedIn("ana@example.com", NEW);
      assertThat(s.rapport.securityLog().recent(ws.id(), 10))
          .extracting(SecurityLog.Event::action, SecurityLog.Event::actor)
          .contains(org.assertj.core.groups.Tuple.tuple("password.changed", "ana@example.com"));
    }
  }

  @Test
  void wrongCurrentPasswordsCountAgainstTheSignInLimit() {
    WebSettings settings =
        WebSettings.of("127.0.0.1", 0).withLoginLimits(2, 100, Duration.ofMinutes(1));
    try (TestServer s = TestServer.start(settings)) {
      s.user("ben@example.com", OLD);
      Client c = s.client().signedIn("ben@example.com", OLD);
      assertThat(change(c, "guess one", NEW, NEW).statusCode()).isEqualTo(403);
      assertThat(change(c, "guess two", NEW, NEW).statusCode()).isEqualTo(403);
      HttpResponse<String> third = change(c, OLD, NEW, NEW);
      assertThat(third.statusCode()).as("even the right one, for now").isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).isPresent();
      assertThat(s.client().signIn("ben@example.com", OLD).statusCode())
          .as("and sign-ins of the account too")
          .isEqualTo(429);
    }
  }

  @Test
  void aPasswordChangeWithoutItsCsrfTokenIsRefused() {
    try (TestServer s = TestServer.start()) {
      s.user("cy@example.com", OLD);
      Client c = s.client().signedIn("cy@example.com", OLD);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("current", OLD);
      form.put("password", NEW);
      form.put("confirm", NEW);
      assertThat(c.post("/me/password", form).statusCode()).isEqualTo(403);
      form.put("csrf", "forged");
      assertThat(c.post("/me/password", form).statusCode()).isEqualTo(403);
      assertThat(s.client().signIn("cy@example.com", OLD).statusCode()).isEqualTo(303);
    }
  }

  @Test
  void signingOutEverywhereEndsEverySessionOfThePersonOnly() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User dee = s.user("dee@example.com", OLD);
      User eve = s.user("eve@example.com", OLD);
      s.grant(ws, dee, Role.VIEWER);
      s.grant(ws, eve, Role.VIEWER);
      Client one = s.client().signedIn("dee@example.com", OLD);
      Client two = s.client().signedIn("dee@example.com", OLD);
      Client other = s.client().signedIn("eve@example.com", OLD);
      String csrf = Client.csrfOf(one.get("/me").body()).orElseThrow();

      HttpResponse<String> r = one.post("/me/sessions/close", Map.of("csrf", csrf));
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).contains("/login");
      assertThat(r.headers().firstValue("Clear-Site-Data")).contains("\"cache\", \"storage\"");
      assertThat(one.get("/w/alpha").statusCode()).isEqualTo(303);
      assertThat(two.get("/w/alpha").statusCode()).isEqualTo(303);
      assertThat(other.get("/w/alpha").statusCode()).as("someone else's").isEqualTo(200);
      assertThat(s.rapport.securityLog().recent(ws.id(), 5))
          .extracting(SecurityLog.Event::action)
          .contains("sessions.closed");
    }
  }

  @Test
  void aPersonSeesTheirSignInsAndEndsOneAtATime() {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("alpha", "Alpha");
      User gus = s.user("gus@example.com", OLD);
      User hal = s.user("hal@example.com", OLD);
      s.grant(ws, gus, Role.VIEWER);
      s.grant(ws, hal, Role.VIEWER);
      Client laptop = s.client().signedIn("gus@example.com", OLD);
      Client phone = s.client().signedIn("gus@example.com", OLD);
      Client other = s.client().signedIn("hal@example.com", OLD);

      String page = laptop.get("/me").body();
      List<String> handles = handles(page);
      assertThat(handles).hasSize(2);
      assertThat(page).containsOnlyOnce("(this browser)");
      String laptopHandle = handleOfThisBrowser(page);
      String phoneHandle =
          handles.stream().filter(h -> !h.equals(laptopHandle)).findFirst().orElseThrow();
      assertThat(page).doesNotContain(laptop.cookie(Cookies.SESSION).orElseThrow());
      String halHandle = handles(other.get("/me").body()).get(0);

      String csrf = Client.csrfOf(page).orElseThrow();
      assertThat(laptop.post("/me/sessions/" + halHandle + "/close", Map.of("csrf", csrf)))
          .as("someone else's sign-in is not found")
          .satisfies(r -> assertThat(r.statusCode()).isEqualTo(404));
      assertThat(other.get("/w/alpha").statusCode()).isEqualTo(200);

      HttpResponse<String> ended =
          laptop.post("/me/sessions/" + phoneHandle + "/close", Map.of("csrf", csrf));
      assertThat(ended.statusCode()).isEqualTo(303);
      assertThat(phone.get("/w/alpha").statusCode()).as("the phone is out").isEqualTo(303);
      assertThat(laptop.get("/me?changed=session").body())
          .contains(AccountRoutes.ENDED_ONE)
          .contains("(this browser)");
      assertThat(handles(laptop.get("/me").body())).containsExactly(laptopHandle);

      HttpResponse<String> self =
          laptop.post("/me/sessions/" + laptopHandle + "/close", Map.of("csrf", csrf));
      assertThat(self.headers().firstValue("Location")).contains("/login");
      assertThat(laptop.get("/w/alpha").statusCode()).isEqualTo(303);
      assertThat(s.rapport.securityLog().recent(ws.id(), 10))
          .extracting(SecurityLog.Event::action)
          .contains("session.closed");
    }
  }

  private static final Pattern HANDLE = Pattern.compile("/me/sessions/([0-9a-f]+)/close");

  private static List<String> handles(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = HANDLE.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The handle in the same table row as "(this browser)". */
  private static String handleOfThisBrowser(String html) {
    int mark = html.indexOf("(this browser)");
    Matcher m = HANDLE.matcher(html);
    return m.find(mark) ? m.group(1) : "";
  }

  @Test
  void signingOutClearsWhatTheBrowserKept() {
    try (TestServer s = TestServer.start()) {
      s.user("fay@example.com", OLD);
      Client c = s.client().signedIn("fay@example.com", OLD);
      String csrf = Client.csrfOf(c.get("/me").body()).orElseThrow();
      HttpResponse<String> r = c.post("/logout", Map.of("csrf", csrf));
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(r.headers().firstValue("Clear-Site-Data")).contains("\"cache\", \"storage\"");
      assertThat(c.get("/me").statusCode()).isEqualTo(303);
    }
  }

  private static HttpResponse<String> change(
      Client c, String current, String password, String confirm) {
    String csrf = Client.csrfOf(c.get("/me").body()).orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", csrf);
    form.put("current", current);
    form.put("password", password);
    form.put("confirm", confirm);
    return c.post("/me/password", form);
  }
}
