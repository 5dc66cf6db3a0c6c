package dev.rapport.web;

import dev.rapport.app.PlatformSettings;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.mastodon.MastodonApp;
import dev.rapport.platforms.mastodon.MastodonGrant;
import dev.rapport.platforms.mastodon.MastodonSignIn;
import dev.rapport.platforms.oauth.Pkce;
import dev.rapport.platforms.oauth.SignInFailed;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting a channel to its account (managers and owners):
 *
 * <ul>
 *   <li>Mastodon, any instance, by OAuth: Rapport registers itself on the instance, sends the user
 *       to the instance's consent page, and stores the granted token when the instance sends the
 *       user back to {@code /oauth/mastodon/callback};
 *   <li>every platform by pasting a credential: a Bluesky app password, or an access token made in
 *       the platform's developer settings.
 * </ul>
 *
 * Pending sign-ins live in memory for ten minutes, bound to the user who started them.
 */
final class ConnectRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectRoutes.class);
  static final Duration PENDING_FOR = Duration.ofMinutes(10);
  static final String CALLBACK = "/oauth/mastodon/callback";

  private final Workspaces workspaces;
  private final Connections connections;
  private final MastodonSignIn mastodon;
  private final PlatformSettings platforms;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** A sign-in started by a user for a channel, waiting for the instance to send them back. */
  private record Pending(
      long userId,
      long workspaceId,
      String slug,
      long channelId,
      MastodonApp app,
      Pkce pkce,
      Instant until) {}

  private final SecurityLog log;
  private final Pages pages;

  ConnectRoutes(
      Workspaces workspaces,
      Connections connections,
      PlatformSettings platforms,
      Clock clock,
      SecurityLog log,
      Pages pages) {
    this.log = log;
    this.pages = pages;
    this.workspaces = workspaces;
    this.connections = connections;
    this.platforms = platforms;
    this.clock = clock;
    this.mastodon =
        new MastodonSignIn(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build(),
            platforms.policy(),
            clock,
            Duration.ofSeconds(20));
  }

  void register(Javalin app) {
    app.post(
        "/w/{slug}/settings/channels/{id}/connect/mastodon", this::startMastodon, Access.MANAGER);
    app.get(CALLBACK, this::finishMastodon, Access.SIGNED_IN);
    app.post("/w/{slug}/settings/channels/{id}/connect/token", this::token, Access.MANAGER);
  }

  private Channel channel(Context ctx, Workspace ws) {
    long id = Requests.pathId(ctx, "id", "channel");
    return workspaces
        .channel(ws.id(), id)
        .orElseThrow(() -> new NotFoundResponse("No such channel."));
  }

  private void startMastodon(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Channel c = channel(ctx, ws);
    try {
      startMastodon(ctx, ws, c);
    } catch (RuntimeException e) {
      ChannelRoutes.refused(ctx, pages, workspaces, connections, "connect-" + c.id(), e);
    }
  }

  private void startMastodon(Context ctx, Workspace ws, Channel c) {
    if (c.platform() != Platform.MASTODON) {
      throw new IllegalArgumentException("This is a " + c.platform().code() + " channel.");
    }
    String typed = ctx.formParam("instance");
    if (typed == null || typed.isBlank()) {
      typed = c.handle();
    }
    try {
      URI instance = mastodon.instance(typed);
      MastodonApp app =
          mastodon.registerApp(
              instance, "Rapport", platforms.publicUrl() + CALLBACK, platforms.publicUrl());
      Pkce pkce = Pkce.create();
      String state = Pkce.randomToken();
      forgetExpired();
      pending.put(
          state,
          new Pending(
              Guard.caller(ctx).orElseThrow().user().id(),
              ws.id(),
              ws.slug(),
              c.id(),
              app,
              pkce,
              clock.instant().plus(PENDING_FOR)));
      ctx.redirect(mastodon.authorizationUrl(app, state, pkce).toString(), HttpStatus.SEE_OTHER);
    } catch (SignInFailed e) {
      throw new IllegalArgumentException("Mastodon sign-in could not start: " + e.getMessage());
    }
  }

  private void finishMastodon(Context ctx) {
    String state = ctx.queryParam("state");
    Pending p = state == null ? null : pending.remove(state);
    long user = Guard.caller(ctx).orElseThrow().user().id();
    if (p == null || p.userId() != user || p.until().isBefore(clock.instant())) {
      throw new IllegalArgumentException(
          "This sign-in is unknown or expired; start again from the channel settings.");
    }
    String error = ctx.queryParam("error");
    if (error != null) {
      throw new IllegalArgumentException(
          "The instance did not grant access ("
              + error
              + "); nothing was connected. Start again from the channel settings.");
    }
    String code = ctx.queryParam("code");
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("The instance sent no authorization code.");
    }
    try {
      MastodonGrant grant = mastodon.complete(p.app(), code, p.pkce());
      Map<String, String> secrets = new LinkedHashMap<>(grant.secrets());
      // Kept to revoke the token on disconnect and to reconnect without registering again.
      secrets.put("client_id", p.app().clientId());
      secrets.put("client_secret", p.app().clientSecret());
      connections.connect(
          p.workspaceId(),
          p.channelId(),
          grant.instance(),
          grant.accountId(),
          grant.handle(),
          secrets);
      LOG.atInfo()
          .addKeyValue("workspace", p.workspaceId())
          .addKeyValue("channel", p.channelId())
          .addKeyValue("user", user)
          .log("mastodon channel connected");
      log.record(
          p.workspaceId(),
          user,
          Guard.caller(ctx).orElseThrow().user().email(),
          "channel.connected",
          "mastodon " + grant.handle() + " on " + grant.instance().getHost());
      ctx.redirect(
          "/w/" + p.slug() + "/settings/channels#channel-" + p.channelId(), HttpStatus.SEE_OTHER);
    } catch (SignInFailed e) {
      throw new IllegalArgumentException("Mastodon sign-in failed: " + e.getMessage());
    }
  }

  /** A pasted credential: a Bluesky app password, or an access token for the other platforms. */
  private void token(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Channel c = channel(ctx, ws);
    try {
      token(ctx, ws, c);
    } catch (RuntimeException e) {
      // The pasted secret is never shown again: the form comes back with it empty.
      ChannelRoutes.refused(ctx, pages, workspaces, connections, "connect-" + c.id(), e);
    }
  }

  private void token(Context ctx, Workspace ws, Channel c) {
    String service = ctx.formParam("service");
    String secret = ctx.formParam("secret");
    String accountId = ctx.formParam("account");
    if (secret == null || secret.isBlank() || secret.length() > 4000) {
      throw new IllegalArgumentException(
          c.platform() == Platform.BLUESKY
              ? "Paste an app password (Bluesky: Settings → Privacy and security → App passwords)."
              : "Paste the access token from the platform's developer settings.");
    }
    URI base = serviceOf(c.platform(), service);
    try {
      platforms.policy().checkTyped(base);
    } catch (OutboundPolicy.RefusedHostException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    String name = c.platform() == Platform.BLUESKY ? "appPassword" : "access_token";
    connections.connect(
        ws.id(),
        c.id(),
        base,
        accountId == null || accountId.isBlank() ? null : accountId.strip(),
        c.handle(),
        Map.of(name, secret.strip()));
    LOG.atInfo()
        .addKeyValue("workspace", ws.id())
        .addKeyValue("channel", c.id())
        .log("channel connected with a pasted credential");
    SecurityEvents.record(
        log,
        ctx,
        "channel.connected",
        c.platform().code() + " " + c.handle() + " on " + base.getHost());
    ctx.redirect("/w/" + ws.slug() + "/settings/channels#channel-" + c.id(), HttpStatus.SEE_OTHER);
  }

  /** The platform's API host unless the user names another (a Bluesky PDS, a Mastodon instance). */
  static URI serviceOf(Platform platform, String typed) {
    if (typed != null && !typed.isBlank()) {
      String s = typed.strip();
      URI uri;
      try {
        uri = URI.create(s.contains("://") ? s : "https://" + s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + typed + "' is not a service address.");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("'" + typed + "' is not a service address.");
      }
      return uri;
    }
    return URI.create(
        switch (platform) {
          case BLUESKY -> "https://bsky.social";
          case X -> "https://api.x.com";
          case INSTAGRAM -> "https://graph.instagram.com";
          case FACEBOOK -> "https://graph.facebook.com";
          case THREADS -> "https://graph.threads.net";
          case LINKEDIN -> "https://api.linkedin.com";
          case MASTODON, NOSTR ->
              throw new IllegalArgumentException(
                  "Give the " + platform.code() + " service address.");
        });
  }

  private void forgetExpired() {
    Instant now = clock.instant();
    pending.values().removeIf(p -> p.until().isBefore(now));
  }
}
