package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting channels from the settings page: pasted credentials and the Mastodon sign-in. */
class ConnectRoutesTest {

  static final String PASSWORD = "a long enough password";
  static TestServer server;
  static Workspace shop;
  static Channel bluesky;
  static Channel mastodon;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    shop = server.workspace("shop", "Shop");
    User owner = server.user("owner@shop.test", PASSWORD);
    User viewer = server.user("viewer@shop.test", PASSWORD);
    server.grant(shop, owner, Role.OWNER);
    server.grant(shop, viewer, Role.VIEWER);
    bluesky =
        server.rapport.workspaces().addChannel(shop.id(), Platform.BLUESKY, "shop.bsky.social", "");
    mastodon =
        server.rapport.workspaces().addChannel(shop.id(), Platform.MASTODON, "@shop@m.social", "");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String csrf(Client c) {
    return Client.csrfOf(c.get("/w/shop/settings/channels").body()).orElseThrow();
  }

  @Test
  void aPastedAppPasswordConnectsAndIsNeverShown() {
    Client owner = server.client().signedIn("owner@shop.test", PASSWORD);
    String page = owner.get("/w/shop/settings/channels").body();
    assertThat(page).contains("Connect").contains("App password").contains("Sign in with Mastodon");
    HttpResponse<String> r =
        owner.post(
            "/w/shop/settings/channels/" + bluesky.id() + "/connect/token",
            Map.of("csrf", csrf(owner), "secret", "abcd-efgh-ijkl-mnop"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    var status = server.rapport.connections().statuses(shop.id());
    assertThat(status)
        .singleElement()
        .satisfies(s -> assertThat(s.channelId()).isEqualTo(bluesky.id()));
    assertThat(status.get(0).service().toString()).isEqualTo("https://bsky.social");
    assertThat(
            server
                .rapport
                .connections()
                .account(shop.id(), bluesky.id())
                .orElseThrow()
                .secret("appPassword"))
        .isEqualTo("abcd-efgh-ijkl-mnop");
    assertThat(owner.get("/w/shop/settings/channels").body())
        .contains("Connected")
        .doesNotContain("abcd-efgh");
    HttpResponse<String> log = owner.get("/w/shop/settings/log");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.body())
        .contains("channel.connected")
        .contains("owner@shop.test")
        .contains("bluesky shop.bsky.social on bsky.social")
        .doesNotContain("abcd-efgh");
    assertThat(owner.get("/api/w/shop/security-log").body())
        .contains("\"action\":\"channel.connected\"");
  }

  @Test
  void signInRefusesPrivateAddressesAndUnknownCallbacks() {
    Client owner = server.client().signedIn("owner@shop.test", PASSWORD);
    // SSRF: the instance address comes from the user; loopback and private ranges are refused.
    HttpResponse<String> local =
        owner.post(
            "/w/shop/settings/channels/" + mastodon.id() + "/connect/mastodon",
            Map.of("csrf", csrf(owner), "instance", "127.0.0.1:9"));
    assertThat(local.statusCode()).isEqualTo(400);
    assertThat(local.body()).contains("private or local address");
    HttpResponse<String> pasted =
        owner.post(
            "/w/shop/settings/channels/" + bluesky.id() + "/connect/token",
            Map.of("csrf", csrf(owner), "secret", "x", "service", "http://10.0.0.1"));
    assertThat(pasted.statusCode()).isEqualTo(400);

    HttpResponse<String> forged = owner.get(ConnectRoutes.CALLBACK + "?state=nope&code=abc");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("unknown or expired");
  }

  @Test
  void viewersCannotConnect() {
    Client viewer = server.client().signedIn("viewer@shop.test", PASSWORD);
    HttpResponse<String> r =
        viewer.post(
            "/w/shop/settings/channels/" + mastodon.id() + "/connect/token",
            Map.of("csrf", csrf(viewer), "secret", "tok"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(server.rapport.connections().account(shop.id(), mastodon.id())).isEmpty();
    assertThat(viewer.get("/w/shop/settings/log").statusCode()).isEqualTo(403);
  }
}
