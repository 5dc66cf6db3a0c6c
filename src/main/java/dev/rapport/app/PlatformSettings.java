package dev.rapport.app;

import dev.rapport.platforms.Connector;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.bluesky.BlueskyConnector;
import dev.rapport.platforms.facebook.FacebookConnector;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.instagram.InstagramConnector;
import dev.rapport.platforms.linkedin.LinkedInConnector;
import dev.rapport.platforms.linkedin.LinkedInSettings;
import dev.rapport.platforms.mastodon.MastodonConnector;
import dev.rapport.platforms.threads.ThreadsConnector;
import dev.rapport.platforms.x.XApp;
import dev.rapport.platforms.x.XConnector;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Rapport reaches the platforms, from the environment:
 *
 * <ul>
 *   <li>{@code RAPPORT_ALLOW_PRIVATE_HOSTS=true} lets connectors and webhooks call loopback and
 *       private addresses (a local Bluesky PDS, tests); off by default against SSRF;
 *   <li>{@code RAPPORT_PUBLIC_URL}: where users reach this Rapport (OAuth redirects);
 *   <li>{@code RAPPORT_X_CLIENT_ID}/{@code _SECRET}, {@code RAPPORT_META_APP_ID}/{@code _SECRET},
 *       {@code RAPPORT_LINKEDIN_CLIENT_ID}/{@code _SECRET}: the brand's own developer apps. X needs
 *       its app to publish at all, so without one there is no X connector and X channels fail with
 *       that message; Meta and LinkedIn apps are needed only to refresh tokens.
 * </ul>
 *
 * @param publicUrl the external base URL, default {@code http://localhost:8080}
 */
public record PlatformSettings(
    OutboundPolicy policy,
    String publicUrl,
    String xClientId,
    String xClientSecret,
    String metaAppId,
    String metaAppSecret,
    String linkedInClientId,
    String linkedInClientSecret) {

  public static PlatformSettings fromEnvironment(Map<String, String> env) {
    return new PlatformSettings(
        "true".equalsIgnoreCase(env.getOrDefault("RAPPORT_ALLOW_PRIVATE_HOSTS", "false"))
            ? OutboundPolicy.ANY_HOST
            : OutboundPolicy.PUBLIC_ONLY,
        env.getOrDefault("RAPPORT_PUBLIC_URL", "http://localhost:8080"),
        env.get("RAPPORT_X_CLIENT_ID"),
        env.get("RAPPORT_X_CLIENT_SECRET"),
        env.get("RAPPORT_META_APP_ID"),
        env.get("RAPPORT_META_APP_SECRET"),
        env.get("RAPPORT_LINKEDIN_CLIENT_ID"),
        env.get("RAPPORT_LINKEDIN_CLIENT_SECRET"));
  }

  /** Every connector these settings allow. */
  public Connectors connectors(Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    List<Connector> all = new ArrayList<>();
    all.add(new BlueskyConnector(policy, clock));

    all.add(new MastodonConnector(http, policy, clock));
    if (present(xClientId)) {
      all.add(
          new XConnector(
              XApp.onX(xClientId, xClientSecret, publicUrl + "/oauth/x/callback"),
              http,
              policy,
              clock));
    }
    GraphSettings graph = GraphSettings.defaults(InstagramConnector.DEFAULT_VERSION);
    if (present(metaAppId)) {
      graph = graph.withApp(metaAppId, metaAppSecret);
    }
    all.add(new InstagramConnector(graph, policy, clock));
    all.add(new FacebookConnector(graph, policy, clock));
    GraphSettings threads = GraphSettings.defaults(ThreadsConnector.DEFAULT_VERSION);
    if (present(metaAppId)) {
      threads = threads.withApp(metaAppId, metaAppSecret);
    }
    all.add(new ThreadsConnector(threads, policy, clock));
    all.add(
        new LinkedInConnector(
            LinkedInSettings.defaults(linkedInClientId, linkedInClientSecret), policy, clock));
    return new Connectors(all);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
