package dev.rapport.platforms.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.platforms.OutboundPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2 authorization-code flow with PKCE and refresh tokens (RFC 6749, RFC 7636), as
 * platforms implement it: build the URL the user is sent to, exchange the code the callback
 * receives, and refresh an expired access token. Stateless and thread-safe; the caller keeps the
 * {@code state} and the PKCE verifier between redirect and callback.
 */
public final class AuthorizationCodeFlow {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final OutboundPolicy policy;
  private final Clock clock;
  private final Duration timeout;

  public AuthorizationCodeFlow(
      HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout) {
    this.http = http;
    this.policy = policy;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * Where to send the user's browser. {@code pkce} may be null for servers without PKCE; {@code
   * extra} adds platform parameters (Mastodon's {@code force_login}, ...).
   */
  public URI authorizationUrl(
      OAuthClient client, List<String> scopes, String state, Pkce pkce, Map<String, String> extra) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", client.clientId());
    q.put("redirect_uri", client.redirectUri());
    q.put("scope", String.join(" ", scopes));
    q.put("state", state);
    if (pkce != null) {
      q.put("code_challenge", pkce.challenge());
      q.put("code_challenge_method", "S256");
    }
    q.putAll(extra);
    String base = client.authorizeEndpoint().toString();
    // %20 rather than '+' for spaces: a query string, not a form body.
    return URI.create(base + (base.contains("?") ? "&" : "?") + form(q).replace("+", "%20"));
  }

  /** Exchanges the code the callback received; {@code pkce} as given to the authorization URL. */
  public TokenResult exchange(OAuthClient client, String code, Pkce pkce) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", client.redirectUri());
    if (pkce != null) {
      body.put("code_verifier", pkce.verifier());
    }
    return call(client, body);
  }

  /**
   * Trades a refresh token for a new access token. Servers that rotate refresh tokens (X) return a
   * new one, which the caller must store at once: the old one no longer works.
   */
  public TokenResult refresh(OAuthClient client, String refreshToken) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    return call(client, body);
  }

  /**
   * Revokes a token (RFC 7009) when the user disconnects, so the grant does not outlive the
   * connection. True when the server confirmed; a failure does not stop the disconnect.
   */
  public boolean revoke(OAuthClient client, URI revocationEndpoint, String token, String hint) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("token", token);
    if (hint != null) {
      body.put("token_type_hint", hint);
    }
    TokenResult result = post(client, revocationEndpoint, body, true);
    return result instanceof TokenResult.Granted;
  }

  private TokenResult call(OAuthClient client, Map<String, String> body) {
    return post(client, client.tokenEndpoint(), body, false);
  }

  private TokenResult post(
      OAuthClient client, URI endpoint, Map<String, String> body, boolean revocation) {
    try {
      policy.check(endpoint);
    } catch (OutboundPolicy.RefusedHostException e) {
      return new TokenResult.Refused("refused_host", e.getMessage());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json");
    switch (client.authentication()) {
      case BASIC -> {
        String pair = enc(client.clientId()) + ":" + enc(client.clientSecret());
        request.header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      case REQUEST_BODY -> {
        body.put("client_id", client.clientId());
        body.put("client_secret", client.clientSecret());
      }
      case NONE -> body.put("client_id", client.clientId());
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new TokenResult.Unavailable(
          "the authorization server " + endpoint.getHost() + " did not answer: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TokenResult.Unavailable("interrupted", null);
    }
    JsonNode json = parse(response.body());
    int status = response.statusCode();
    if (revocation && status == 200) {
      // RFC 7009: 200 whether or not the token was still valid; there is no grant to return.
      return new TokenResult.Granted(new TokenGrant("revoked", null, null, null));
    }
    if (status == 200 && json.hasNonNull("access_token")) {
      Instant expiresAt =
          json.hasNonNull("expires_in")
              ? clock.instant().plusSeconds(json.get("expires_in").asLong())
              : null;
      return new TokenResult.Granted(
          new TokenGrant(
              json.get("access_token").asText(),
              text(json, "refresh_token"),
              expiresAt,
              text(json, "scope")));
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .filter(v -> v.matches("\\d+"))
              .map(v -> Duration.ofSeconds(Long.parseLong(v)))
              .orElse(null);
      return new TokenResult.Unavailable(
          "the authorization server answered HTTP " + status + describe(json), retryAfter);
    }
    String error = text(json, "error");
    String description = text(json, "error_description");
    return new TokenResult.Refused(
        error == null ? "HTTP " + status : error,
        description == null ? text(json, "message") : description);
  }

  private static String describe(JsonNode json) {
    String d = text(json, "error_description");
    return d == null ? "" : ": " + d;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
