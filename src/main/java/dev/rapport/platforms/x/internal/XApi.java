package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.oauth.AuthorizationCodeFlow;
import dev.rapport.platforms.oauth.OAuthClient;
import dev.rapport.platforms.oauth.TokenGrant;
import dev.rapport.platforms.oauth.TokenResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Calls to the X API v2 as the connected user (OAuth 2.0 user context). Access tokens live two
 * hours: one that is about to expire, or that X refuses with 401, is refreshed once with the
 * account's refresh token and the rotated pair stored through {@link Account#updateSecrets}. A
 * refused refresh means the grant is gone and the user must reconnect.
 */
public final class XApi {

  /** A 2xx answer. */
  public record Reply(int status, JsonNode body, HttpHeaders headers) {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** Refresh this long before the stated expiry, so a call never starts with a dying token. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final HttpClient http;
  private final OutboundPolicy policy;
  private final Clock clock;
  private final Duration timeout;
  private final AuthorizationCodeFlow flow;
  private final OAuthClient client;
  // X rotates refresh tokens: two threads refreshing at once would revoke each other's grant.
  private final ConcurrentMap<String, Object> refreshLocks = new ConcurrentHashMap<>();

  /** The last refresh per account: which refresh token it used up, and what it got. */
  private record Rotation(String usedRefreshToken, TokenGrant result) {}

  // Callers may hold separate Account snapshots of one connection; one that still carries a
  // refresh token this node already used up takes the rotated grant instead of refreshing again.
  private final ConcurrentMap<String, Rotation> rotations = new ConcurrentHashMap<>();

  public XApi(
      HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout, OAuthClient client) {
    this.http = http;
    this.policy = policy;
    this.clock = clock;
    this.timeout = timeout;
    this.client = client;
    this.flow = new AuthorizationCodeFlow(http, policy, clock, timeout);
  }

  public Reply get(Account account, String pathAndQuery) {
    return call(account, token -> request(account, token, pathAndQuery).GET().build());
  }

  public Reply postJson(Account account, String path, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body is not serialisable", e);
    }
    return call(
        account,
        token ->
            request(account, token, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
  }

  Reply postForm(Account account, String path, FormData form) {
    byte[] bytes = form.bytes();
    return call(
        account,
        token ->
            request(account, token, path)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
  }

  private Reply call(Account account, Function<String, HttpRequest> request) {
    String token = accessToken(account, null);
    try {
      return send(request.apply(token));
    } catch (XFailure f) {
      if (f.status() != 401 || account.secret(TokenGrant.REFRESH_TOKEN) == null) {
        throw f;
      }
      // 401 means X did not process the request: refresh once and send it again.
      return send(request.apply(accessToken(account, token)));
    }
  }

  /**
   * A usable access token; refreshes when it expires soon or when {@code rejected} (the token X
   * just refused) is still the stored one.
   */
  private String accessToken(Account account, String rejected) {
    TokenGrant grant = TokenGrant.fromSecrets(account::secret);
    if (grant == null) {
      throw new XFailure(
          XFailure.Kind.UNAUTHORIZED,
          0,
          "The X account has no access token",
          "Connect the X account in the channel's settings.",
          null);
    }
    if (rejected == null && !grant.expiresWithin(EXPIRY_MARGIN, clock.instant())) {
      return grant.accessToken();
    }
    String key = account.workspaceId() + ":" + account.channelId();
    Object lock = refreshLocks.computeIfAbsent(key, k -> new Object());
    synchronized (lock) {
      grant = TokenGrant.fromSecrets(account::secret);
      Rotation last = rotations.get(key);
      if (last != null
          && grant.refreshToken() != null
          && grant.refreshToken().equals(last.usedRefreshToken())
          && !last.result().accessToken().equals(rejected)) {
        account.updateSecrets(last.result().secrets());
        grant = last.result();
      }
      boolean refreshedMeanwhile =
          rejected == null
              ? !grant.expiresWithin(EXPIRY_MARGIN, clock.instant())
              : !grant.accessToken().equals(rejected);
      if (refreshedMeanwhile) {
        return grant.accessToken();
      }
      if (grant.refreshToken() == null) {
        throw new XFailure(
            XFailure.Kind.UNAUTHORIZED,
            401,
            "X's access token expired and there is no refresh token",
            "Reconnect the X account (Rapport asks for offline access to stay connected).",
            null);
      }
      TokenResult result = flow.refresh(client, grant.refreshToken());
      if (result instanceof TokenResult.Granted g) {
        account.updateSecrets(g.grant().secrets());
        rotations.put(key, new Rotation(grant.refreshToken(), g.grant()));
        return g.grant().accessToken();
      }
      if (result instanceof TokenResult.Unavailable u) {
        throw new XFailure(
            XFailure.Kind.TRANSIENT, 0, u.message(), "Rapport tries again later.", u.retryAfter());
      }
      TokenResult.Refused r = (TokenResult.Refused) result;
      throw new XFailure(
          XFailure.Kind.UNAUTHORIZED,
          401,
          "X refused to renew Rapport's access (" + r.message() + ")",
          "Reconnect the X account in the channel's settings.",
          null);
    }
  }

  private HttpRequest.Builder request(Account account, String token, String pathAndQuery) {
    String base = account.service().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri = URI.create(base + pathAndQuery);
    try {
      policy.check(uri);
    } catch (OutboundPolicy.RefusedHostException e) {
      if (e.getMessage().startsWith("unknown host")) {
        // DNS failing is usually passing; a refused address is not.
        throw new XFailure(
            XFailure.Kind.TRANSIENT,
            0,
            "Could not resolve " + uri.getHost(),
            "Rapport tries again later.",
            null);
      }
      throw new XFailure(
          XFailure.Kind.REFUSED,
          0,
          "Rapport may not call " + account.service() + ": " + e.getMessage(),
          "Check the channel's service address.",
          null);
    }
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
  }

  private Reply send(HttpRequest request) {
    HttpResponse<String> response;
    String host = request.uri().getHost();
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new XFailure(
          XFailure.Kind.TRANSIENT, 0, "Could not reach " + host + " (" + e + ")", "", null);
    } catch (HttpTimeoutException e) {
      throw new XFailure(
          XFailure.Kind.MAYBE_PROCESSED,
          0,
          host + " did not answer within " + timeout.toSeconds() + " s",
          "Rapport checks whether the post arrived before trying again.",
          null);
    } catch (IOException e) {
      throw new XFailure(
          XFailure.Kind.MAYBE_PROCESSED,
          0,
          "The connection to " + host + " broke (" + e + ")",
          "Rapport checks whether the post arrived before trying again.",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new XFailure(XFailure.Kind.MAYBE_PROCESSED, 0, "interrupted", "", null);
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Reply(status, body, response.headers());
    }
    throw XFailures.classify(status, body, response.headers(), clock.instant());
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode()
          .put("detail", body.length() > 200 ? body.substring(0, 200) : body);
    }
  }
}
