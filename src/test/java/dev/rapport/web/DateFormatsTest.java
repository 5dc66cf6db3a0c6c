package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages show dates in the few forms of {@link dev.rapport.web.view.Dates} — "Wed 17 Jun 2026", "Wed
 * 17 Jun 2026, 14:00" — in the workspace's time zone, every moment inside a {@code <time datetime>}
 * with the exact ISO value; no page shows ISO dates, seconds or a second spelling as text. The
 * bakery's zone is Europe/Paris, so {@link TestServer#NOW} (12:00 UTC) reads 14:00.
 */
class DateFormatsTest {

  static final String PASSWORD = "correct horse battery staple";
  static final String BAKERY = "/w/" + BakeryFixture.SLUG;

  /** An ISO date or month ("2026-06-17", "2026-06"), a time with seconds, the UK "Sept". */
  static final Pattern NOT_FOR_PEOPLE =
      Pattern.compile("\\b\\d{4}-\\d{2}(-\\d{2})?\\b|\\b\\d{1,2}:\\d{2}:\\d{2}\\b|\\bSept\\b");

  static TestServer server;
  static Workspace bakery;
  static long personId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Rapport r = server.rapport;
    bakery = BakeryFixture.build(r, TestServer.NOW);
    User owner = server.user("owner@example.com", PASSWORD);
    server.grant(bakery, owner, Role.OWNER);
    long identity =
        r.people()
            .byHandle(bakery.id(), dev.rapport.workspace.Platform.BLUESKY, "follower1.bsky.social")
            .orElseThrow()
            .id();
    personId = r.people().identity(bakery.id(), identity).orElseThrow().personId();
    r.notes().add(bakery.id(), personId, owner.id(), "owner", "Asked for rye", TestServer.NOW);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Client owner() {
    return server.client().signedIn("owner@example.com", PASSWORD);
  }

  @Test
  void momentsAreInTheWorkspacesZoneInsideTimeElements() {
    Client o = owner();
    String person = o.get(BAKERY + "/people/" + personId).body();
    // The note and its timeline entry: written at 12:00 UTC, 14:00 in Lyon.
    assertThat(person)
        .contains("owner · <time datetime=\"2026-06-17T12:00:00Z\">Wed 17 Jun 2026, 14:00</time>")
        .contains(
            "<time datetime=\"2026-06-17T12:00:00Z\">Wed 17 Jun 2026, 14:00</time>\n"
                + "        <span class=\"kind\">Note</span>");

    String dashboard = o.get(BAKERY).body();
    assertThat(dashboard)
        .contains(
            "figures as of <time datetime=\"2026-06-17T12:00:00Z\">Wed 17 Jun 2026, 14:00</time>")
        // The latest post, a day: the date it fell on in Lyon.
        .containsPattern(
            "<td><time datetime=\"2026-06-\\d{2}\">\\w{3} \\d{1,2} Jun 2026</time></td>")
        .contains("planned posts published in June 2026");

    // The account page belongs to no workspace: UTC, and it says so.
    assertThat(o.get("/me").body())
        .containsPattern("<time datetime=\"[0-9T:.\\-]+Z\">Wed 17 Jun 2026, 12:00</time> UTC");
  }

  @Test
  void noPageShowsIsoDatesOrSecondsAndEveryTimeElementCarriesItsValue() {
    Client o = owner();
    List<String> pages =
        List.of(
            BAKERY,
            BAKERY + "/audience",
            BAKERY + "/people",
            BAKERY + "/people/" + personId,
            BAKERY + "/focus",
            BAKERY + "/posts",
            BAKERY + "/calendar",
            BAKERY + "/calendar?month=2026-06",
            BAKERY + "/queue",
            BAKERY + "/reports",
            BAKERY + "/settings",
            BAKERY + "/settings/channels",
            BAKERY + "/settings/log",
            BAKERY + "/settings/tokens",
            "/me");
    for (String page : pages) {
      HttpResponse<String> r = o.get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      String html = r.body();
      Matcher shown = NOT_FOR_PEOPLE.matcher(text(html));
      assertThat(shown.find() ? shown.group() : null).as(page + " shows as text").isNull();
      Matcher time = Pattern.compile("<time(\\s[^>]*)?>").matcher(html);
      while (time.find()) {
        assertThat(time.group()).as(page).containsPattern("datetime=\"\\d{4}-\\d{2}-\\d{2}");
      }
    }
  }

  /** What a reader sees: no scripts, styles or tags (attribute values are for machines). */
  static String text(String html) {
    return html.replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("(?s)<style.*?</style>", " ")
        .replaceAll("(?s)<[^>]*>", " ");
  }
}
