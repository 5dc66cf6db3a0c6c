package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.publishing.Slot;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refused form on the Settings, Channels and API token pages comes back as the same page, as
 * typed, with the reason in plain words next to the field and the signed-in navigation; nothing is
 * written. Error pages of a signed-in person keep their navigation too.
 */
class SettingsFormsTest {

  static final String PASSWORD = "a long enough password";
  static final String NAV = "<nav class=\"wsnav\"";

  static TestServer server;
  static Workspace shop;
  static Channel mastodon;
  static Channel bluesky;
  static User owner;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    shop = server.workspace("shop", "Shop");
    Workspace other = server.workspace("other", "Other");
    owner = server.user("owner@shop.test", PASSWORD);
    User manager = server.user("manager@shop.test", PASSWORD);
    User stranger = server.user("stranger@other.test", PASSWORD);
    server.grant(shop, owner, Role.OWNER);
    server.grant(shop, manager, Role.MANAGER);
    server.grant(other, stranger, Role.OWNER);
    mastodon =
        server.rapport.workspaces().addChannel(shop.id(), Platform.MASTODON, "shop@social", null);
    bluesky =
        server.rapport.workspaces().addChannel(shop.id(), Platform.BLUESKY, "shop.bsky", null);
    server
        .rapport
        .planner()
        .setSlots(owner.id(), shop.id(), mastodon.id(), List.of(Slot.parse("mon 09:00")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Client signedIn(String email) {
    return server.client().signedIn(email, PASSWORD);
  }

  static Map<String, String> form(Client c, String page, String... pairs) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", Client.csrfOf(c.get(page).body()).orElseThrow());
    for (int i = 0; i < pairs.length; i += 2) {
      f.put(pairs[i], pairs[i + 1]);
    }
    return f;
  }

  /** The page a refused form comes back on: the signed-in frame with the workspace navigation. */
  static void signedInPage(HttpResponse<String> r) {
    signedInFrame(r);
    assertThat(r.body()).contains("Nothing was");
  }

  static void signedInFrame(HttpResponse<String> r) {
    assertThat(r.body()).contains(NAV).contains("href=\"/w/shop/people\"").contains("Sign out");
  }

  @Test
  void aBadSlotKeepsTheSettingsPageAsTypedWithTheReasonNextToTheField() {
    Client m = signedIn("manager@shop.test");
    HttpResponse<String> r =
        m.post(
            "/w/shop/settings/plan/" + mastodon.id(),
            form(m, "/w/shop/settings", "postsPerWeek", "5", "slots", "thu 10:00, funday 25:00"));
    assertThat(r.statusCode()).isEqualTo(400);
    signedInPage(r);
    assertThat(r.body())
        .contains("<h1>Settings</h1>")
        .contains("value=\"thu 10:00, funday 25:00\"")
        .contains("id=\"ppw-" + mastodon.id() + "\"")
        .contains("value=\"5\"")
        .contains("id=\"err-slots-" + mastodon.id() + "\"")
        .contains("funday 25:00' is not a weekly slot: there is no day 'funday'")
        .contains("Write a day and a 24-hour time, such as thu 10:00")
        .contains("aria-current=\"page\">Settings</a>")
        .doesNotContain("Bad Request");
    // Nothing was written.
    assertThat(server.rapport.planner().slots(shop.id(), mastodon.id()))
        .containsExactly(Slot.parse("mon 09:00"));
    assertThat(server.rapport.workspaces().channel(shop.id(), mastodon.id()).orElseThrow())
        .extracting(Channel::postsPerWeek)
        .isNull();

    // A bad time and a bad count are both named at once.
    HttpResponse<String> both =
        m.post(
            "/w/shop/settings/plan/" + mastodon.id(),
            form(m, "/w/shop/settings", "postsPerWeek", "many", "slots", "thu 25:00"));
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body())
        .contains("'25:00' is not a time of day")
        .contains("Posts per week is a whole number from 0 (no plan) to 100, not 'many'")
        .contains("value=\"many\"");
  }

  @Test
  void theOtherSettingsFormsKeepWhatWasTypedToo() {
    Client m = signedIn("manager@shop.test");
    HttpResponse<String> zone =
        m.post(
            "/w/shop/settings/workspace",
            form(m, "/w/shop/settings", "name", "Shop & Co", "timeZone", "Mars/Olympus"));
    assertThat(zone.statusCode()).isEqualTo(400);
    signedInPage(zone);
    assertThat(zone.body())
        .contains("value=\"Shop &amp; Co\"")
        .contains("value=\"Mars/Olympus\"")
        .contains("'Mars/Olympus' is not a time zone")
        .contains("id=\"err-ws-zone\"");
    assertThat(server.rapport.workspaces().byId(shop.id()).orElseThrow().name()).isEqualTo("Shop");

    Map<String, String> gates =
        form(
            m,
            "/w/shop/settings",
            "gates",
            "rubric",
            "rubricBar",
            "101",
            "maxPerDay",
            "2",
            "linkBase",
            "go example");
    HttpResponse<String> bar = m.post("/w/shop/settings/gates", gates);
    assertThat(bar.statusCode()).isEqualTo(400);
    signedInPage(bar);
    assertThat(bar.body())
        .contains("The least rubric score is a whole number from 0 to 100, not '101'.")
        .contains("'go example' is not a short-link address")
        .contains("value=\"101\"")
        .contains("value=\"go example\"")
        // The gate checkboxes as sent: only "rubric" stays on; the gates have plain names.
        .contains("value=\"rubric\" checked")
        .doesNotContain("value=\"audience\" checked")
        .contains("Rubric score at or above the bar");

    HttpResponse<String> day =
        m.post(
            "/w/shop/settings/blocked",
            form(m, "/w/shop/settings", "day", "someday", "reason", "Inventory"));
    assertThat(day.statusCode()).isEqualTo(400);
    assertThat(day.body())
        .contains("Choose a day to block, e.g. 2026-12-25.")
        .contains("value=\"Inventory\"");

    HttpResponse<String> email =
        m.post(
            "/w/shop/settings/members",
            form(
                m,
                "/w/shop/settings",
                "email",
                "ana at example",
                "displayName",
                "Ana",
                "role",
                "author"));
    assertThat(email.statusCode()).isEqualTo(400);
    signedInPage(email);
    assertThat(email.body())
        .contains("'ana at example' is not an e-mail address")
        .contains("value=\"ana at example\"")
        .contains("value=\"Ana\"")
        .contains("<option value=\"author\" selected>");

    // A conflict (the last owner) comes back on the page, next to that member, as 409.
    Client o = signedIn("owner@shop.test");
    HttpResponse<String> last =
        o.post(
            "/w/shop/settings/members/" + owner.id() + "/role",
            form(o, "/w/shop/settings", "role", "manager"));
    assertThat(last.statusCode()).isEqualTo(409);
    signedInPage(last);
    assertThat(last.body())
        .contains("id=\"err-member-" + owner.id() + "\"")
        .contains("is the last owner of Shop");
    assertThat(server.rapport.workspaces().role(shop.id(), owner.id())).contains(Role.OWNER);
  }

  @Test
  void theChannelsAndTokenPagesKeepTheirFormsAndNeverEchoASecret() {
    Client o = signedIn("owner@shop.test");
    String channels = "/w/shop/settings/channels";
    HttpResponse<String> noHandle =
        o.post(
            channels,
            form(o, channels, "platform", "bluesky", "handle", " ", "name", "Shop on Bluesky"));
    assertThat(noHandle.statusCode()).isEqualTo(400);
    signedInPage(noHandle);
    assertThat(noHandle.body())
        .contains("<h1>Channels</h1>")
        .contains("Give the account's handle")
        .contains("value=\"Shop on Bluesky\"")
        .contains("<option value=\"bluesky\" selected>");

    HttpResponse<String> twice =
        o.post(channels, form(o, channels, "platform", "mastodon", "handle", "shop@social"));
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.body()).contains("already has the mastodon channel shop@social");

    HttpResponse<String> service =
        o.post(
            channels + "/" + bluesky.id() + "/connect/token",
            form(o, channels, "secret", "s3cr3t-t0ken", "service", "http://10.0.0.1"));
    assertThat(service.statusCode()).isEqualTo(400);
    signedInPage(service);
    assertThat(service.body())
        .contains("id=\"err-connect-" + bluesky.id() + "\"")
        .contains("value=\"http://10.0.0.1\"")
        .contains("<details class=\"connect\" id=\"connect-" + bluesky.id() + "\" open>")
        .doesNotContain("s3cr3t-t0ken");

    Client m = signedIn("manager@shop.test");
    String tokens = "/w/shop/settings/tokens";
    HttpResponse<String> above =
        m.post(tokens, form(m, tokens, "name", "nightly export", "role", "owner"));
    assertThat(above.statusCode()).isEqualTo(400);
    signedInFrame(above);
    assertThat(above.body())
        .contains("A token cannot have more rights than you")
        .contains("value=\"nightly export\"");
  }

  @Test
  void theSecurityLogNamesActionsInPlainWordsAndKeepsTheirCodes() {
    Client m = signedIn("manager@shop.test");
    String tokens = "/w/shop/settings/tokens";
    assertThat(
            m.post(tokens, form(m, tokens, "name", "weekly report", "role", "viewer")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> log = m.get("/w/shop/settings/log");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body())
        .contains("<td title=\"token.issued\">API token created</td>")
        .contains("<code>token.issued</code>")
        .contains("API token 'weekly report' (viewer)");
  }

  @Test
  void errorPagesOfASignedInPersonKeepTheirNavigation() {
    Client m = signedIn("manager@shop.test");
    HttpResponse<String> gone =
        m.post("/w/shop/settings/blocked/999999/remove", form(m, "/w/shop/settings"));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body())
        .contains("No such blocked date.")
        .contains(NAV)
        .contains("aria-current=\"page\">Settings</a>")
        .contains("Sign out");

    // No route at all: still signed in, without a workspace's navigation.
    HttpResponse<String> nowhere = m.get("/no/such/page");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.body()).contains("Sign out").doesNotContain(NAV);

    // Another workspace's address shows nothing of it.
    HttpResponse<String> foreign = m.get("/w/other/settings");
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.body()).contains("Sign out").doesNotContain(NAV).doesNotContain("Other");

    // Signed out, the error page stays signed out.
    HttpResponse<String> anonymous = server.client().get("/no/such/page");
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertThat(anonymous.body()).doesNotContain("Sign out");
  }
}
