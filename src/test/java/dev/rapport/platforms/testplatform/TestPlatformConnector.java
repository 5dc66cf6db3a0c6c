package dev.rapport.platforms.testplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Capabilities;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.workspace.Platform;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A connector for {@link TestPlatformServer}, classifying outcomes the way a real connector must: a
 * 429 or a refused connection is retryable (nothing was processed); a timeout or a dropped
 * connection is unknown (it may have been processed); a 500 is retryable only when the platform
 * de-duplicates by idempotency key, since then sending the same key again is harmless.
 */
public final class TestPlatformConnector implements Connector {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Platform platform;
  private final boolean idempotency;
  private final Duration timeout;
  private final Capabilities capabilities;
  private final HttpClient http;

  public TestPlatformConnector(
      Platform platform,
      boolean idempotency,
      Duration timeout,
      int maxConcurrent,
      Duration minInterval,
      int postsPerDay) {
    this.platform = platform;
    this.idempotency = idempotency;
    this.timeout = timeout;
    this.capabilities =
        new Capabilities(
            idempotency,
            false,
            500,
            0,
            Set.of(MediaKind.IMAGE),
            false,
            maxConcurrent,
            minInterval,
            postsPerDay);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** No pacing: as many calls as the dispatcher's threads allow. */
  public static TestPlatformConnector unpaced(
      Platform platform, boolean idempotency, Duration timeout) {
    return new TestPlatformConnector(platform, idempotency, timeout, 64, Duration.ZERO, 0);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    String body = JSON.createObjectNode().put("text", post.text()).toString();
    HttpRequest.Builder req =
        HttpRequest.newBuilder(account.service().resolve("/posts"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotency) {
      req.header("Idempotency-Key", post.idempotencyKey());
    }
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new PublishResult.Unknown("no answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return new PublishResult.Retryable("the platform refused the connection", null);
    } catch (IOException e) {
      return new PublishResult.Unknown("the connection dropped: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PublishResult.Unknown("interrupted while waiting for the platform");
    }
    int status = res.statusCode();
    if (status == 200 || status == 201) {
      return published(res.body());
    }
    if (status == 429) {
      Duration after =
          res.headers()
              .firstValue("Retry-After")
              .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
              .orElse(null);
      return new PublishResult.Retryable("rate limited (HTTP 429)", after);
    }
    if (status == 401) {
      return new PublishResult.Rejected(
          "The platform no longer accepts Rapport's access to this account.",
          "Reconnect the channel in Settings → Channels.",
          true);
    }
    if (status >= 500) {
      return idempotency
          ? new PublishResult.Retryable("server error (HTTP " + status + ")", null)
          : new PublishResult.Unknown("server error (HTTP " + status + ") after sending");
    }
    String error = error(res.body());
    return new PublishResult.Rejected(
        "The test platform refused the post: " + error + ".",
        "Edit the post's text for this channel, then retry it.",
        false);
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    try {
      if (idempotency) {
        URI by =
            account
                .service()
                .resolve(
                    "/posts/by-key/"
                        + URLEncoder.encode(post.idempotencyKey(), StandardCharsets.UTF_8));
        HttpResponse<String> res = get(by);
        if (res.statusCode() == 404) {
          return new Lookup.NotFound();
        }
        if (res.statusCode() == 200) {
          return new Lookup.Found(published(res.body()));
        }
        return new Lookup.CannotTell("lookup answered HTTP " + res.statusCode());
      }
      Instant since =
          (post.scheduledAt() == null ? Instant.now() : post.scheduledAt())
              .minus(Duration.ofHours(1));
      HttpResponse<String> res = get(account.service().resolve("/posts?since=" + since));
      if (res.statusCode() != 200) {
        return new Lookup.CannotTell("the post list answered HTTP " + res.statusCode());
      }
      for (JsonNode n : JSON.readTree(res.body())) {
        if (n.path("text").asText().equals(post.text())) {
          return new Lookup.Found(published(n.toString()));
        }
      }
      return new Lookup.NotFound();
    } catch (IOException e) {
      return new Lookup.CannotTell("the platform could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Lookup.CannotTell("interrupted");
    }
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PublishResult.Published published(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return new PublishResult.Published(
          n.path("id").asText(),
          n.path("url").asText(null),
          Instant.parse(n.path("createdAt").asText()));
    } catch (IOException e) {
      throw new IllegalStateException("the test platform sent bad JSON: " + body, e);
    }
  }

  private static String error(String body) {
    try {
      return JSON.readTree(body).path("error").asText("unknown error");
    } catch (IOException e) {
      return body;
    }
  }

  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    return new SyncPage(List.of(), request.cursor(), false, null);
  }

  @Override
  public FollowerPage followers(Account account, String cursor) {
    return new FollowerPage(List.of(), null, null);
  }
}
