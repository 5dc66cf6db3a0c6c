package dev.rapport.publishing.dispatch.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.platforms.OutboundPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the outside world when a variant needs the user: POSTs JSON to the configured webhook, off
 * the dispatch threads, after checking the host against the outbound policy (the URL is
 * user-configured, so it must not be a way to probe the internal network).
 */
final class Alerts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI webhook;
  private final OutboundPolicy policy;
  private final HttpClient http;
  private final ExecutorService sender;

  Alerts(URI webhook, OutboundPolicy policy) {
    this.webhook = webhook;
    this.policy = policy;
    this.http =
        webhook == null
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.sender =
        webhook == null
            ? null
            : Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "rapport-dispatch-webhook");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** Sends one alert; never throws (a broken webhook must not stop dispatch). */
  void send(Target t, String state, String kind, String message, String action, Instant at) {
    if (webhook == null) {
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("event", "variant." + kind);
    body.put("workspaceId", t.workspaceId());
    body.put("postId", t.postId());
    body.put("variantId", t.variantId());
    body.put("channelId", t.channelId());
    body.put("platform", t.platform().code());
    body.put("handle", t.handle());
    body.put("state", state);
    body.put("message", message);
    body.put("action", action);
    body.put("scheduledAt", t.scheduledAt() == null ? null : t.scheduledAt().toString());
    body.put("at", at.toString());
    sender.execute(() -> post(body.toString()));
  }

  private void post(String json) {
    try {
      policy.check(webhook);
      HttpRequest req =
          HttpRequest.newBuilder(webhook)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("User-Agent", "Rapport dispatch")
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build();
      HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
      if (res.statusCode() >= 300) {
        LOG.warn("dispatch webhook {} answered HTTP {}", webhook, res.statusCode());
      }
    } catch (OutboundPolicy.RefusedHostException e) {
      LOG.warn("dispatch webhook not called: {}", e.getMessage());
    } catch (java.io.IOException e) {
      LOG.warn("dispatch webhook {} failed: {}", webhook, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.shutdown();
      try {
        sender.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
