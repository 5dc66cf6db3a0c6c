package dev.rapport.platforms.graph;

import dev.rapport.platforms.OutboundPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one HTTP request to a platform and says how far it got. The distinction matters for
 * publishing: a request that never left ({@link Reply.NotSent}) is safe to repeat, one whose answer
 * was lost ({@link Reply.Lost}) may have been processed.
 */
public final class Wire {

  private final HttpClient http;
  private final OutboundPolicy policy;
  private final Duration timeout;

  public Wire(OutboundPolicy policy, Duration timeout) {
    this.policy = policy;
    this.timeout = timeout;
    // Redirects are not followed: a redirect to a private host would bypass the policy check.
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** How far one request got. */
  public sealed interface Reply {

    /** The platform answered (any status). */
    record Answered(int status, HttpHeaders headers, String body) implements Reply {}

    /** Nothing reached the platform (connection refused, connect timeout). */
    record NotSent(String message) implements Reply {}

    /** The request was sent but no complete answer came (timeout, connection dropped). */
    record Lost(String message) implements Reply {}

    /** The outbound policy forbids the host. */
    record Refused(String message) implements Reply {}
  }

  public Reply send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(timeout).build();
    try {
      policy.check(built.uri());
    } catch (OutboundPolicy.RefusedHostException e) {
      return new Reply.Refused(e.getMessage());
    }
    try {
      HttpResponse<String> response =
          http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply.Answered(response.statusCode(), response.headers(), response.body());
    } catch (HttpConnectTimeoutException e) {
      return new Reply.NotSent("could not connect to " + built.uri().getHost() + " in time");
    } catch (ConnectException e) {
      return new Reply.NotSent("could not connect to " + built.uri().getHost());
    } catch (HttpTimeoutException e) {
      return new Reply.Lost(
          "no answer from " + built.uri().getHost() + " within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      return new Reply.Lost("connection to " + built.uri().getHost() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply.Lost("interrupted while waiting for " + built.uri().getHost());
    }
  }
}
