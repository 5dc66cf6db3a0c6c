package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The public short address of a tracked link, over HTTP. */
class LinkRedirectTest {

  @Test
  void redirectsWithUtmParametersAndCountsTheClickWithoutLogin() throws Exception {
    try (TestServer s = TestServer.start()) {
      Workspace ws = s.workspace("shop", "Shop");
      TrackedLink link =
          s.rapport
              .links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/rye"),
                      null,
                      null,
                      null,
                      "bluesky",
                      "social",
                      "june"));
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(s.uri("/l/" + link.code()))
                  .header("Referer", "https://bsky.app/")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location"))
          .contains(
              "https://shop.example/rye?utm_source=bluesky&utm_medium=social&utm_campaign=june");
      // The click is written behind the answer, a batch later.
      assertThat(clicksWithin(s, ws, link, 1, Duration.ofSeconds(10))).isEqualTo(1);
      assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("Set-Cookie")).as("no session for a visitor").isEmpty();

      // A link checker's HEAD is answered but is not a visit.
      HttpResponse<Void> head =
          http.send(
              HttpRequest.newBuilder(s.uri("/l/" + link.code()))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(302);
      s.rapport.clicks().close(); // writes any click still waiting
      assertThat(s.rapport.links().clicks(ws.id(), link.id())).isEqualTo(1);

      // Anything else under /l/ goes on to the app, which answers as it does for any address.
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(s.uri("/l/" + link.code()))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isIn(403, 404, 405);
      assertThat(s.rapport.links().clicks(ws.id(), link.id())).isEqualTo(1);

      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(s.uri("/l/zzzzzzzz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  /** The link's clicks once there are {@code expected}, or what there are at the deadline. */
  private static long clicksWithin(
      TestServer s, Workspace ws, TrackedLink link, long expected, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    long clicks = s.rapport.links().clicks(ws.id(), link.id());
    while (clicks < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
      clicks = s.rapport.links().clicks(ws.id(), link.id());
    }
    return clicks;
  }
}
