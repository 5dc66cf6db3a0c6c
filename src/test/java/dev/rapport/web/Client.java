package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client: keeps cookies, never follows redirects (tests look at them). */
final class Client {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final TestServer server;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;

  Client(TestServer server) {
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(server.uri(path)).GET());
  }

  HttpResponse<String> get(String path, String header, String value) {
    return send(HttpRequest.newBuilder(server.uri(path)).header(header, value).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A JSON POST as the page scripts send it: the CSRF token (if any) in a header. */
  HttpResponse<String> postJson(String path, String json, String csrfHeader) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrfHeader != null) {
      b.header(Guard.CSRF_HEADER, csrfHeader);
    }
    return send(b);
  }

  /** Any method with a body of the given type; the CSRF token in its header when not null. */
  HttpResponse<String> send(
      String method, String path, String contentType, String body, String csrfHeader) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (csrfHeader != null) {
      b.header(Guard.CSRF_HEADER, csrfHeader);
    }
    return send(b);
  }

  /** A request with a bearer token (no cookies sent: a fresh client). */
  HttpResponse<String> bearer(
      String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** A multipart form with one file part, as a browser uploads it. */
  HttpResponse<String> upload(
      String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
    String boundary = "----rapport" + System.nanoTime();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.nio.charset.Charset utf8 = StandardCharsets.UTF_8;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f.getKey()
                  + "\"\r\n\r\n"
                  + f.getValue()
                  + "\r\n")
              .getBytes(utf8));
    }
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + fileField
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(utf8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
    return send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  /** A POST as htmx sends it: no body, the CSRF token in a header. */
  HttpResponse<String> htmxPost(String path, String csrfHeader) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .header("HX-Request", "true")
            .POST(HttpRequest.BodyPublishers.noBody());
    if (csrfHeader != null) {
      b.header(Guard.CSRF_HEADER, csrfHeader);
    }
    return send(b);
  }

  /** Opens the sign-in form and posts it; returns the answer to the post. */
  HttpResponse<String> signIn(String email, String password) {
    String csrf = csrfOf(get("/login").body()).orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", csrf);
    form.put("email", email);
    form.put("password", password);
    form.put("next", "/");
    return post("/login", form);
  }

  /** Signs in and checks that it worked. */
  Client signedIn(String email, String password) {
    HttpResponse<String> r = signIn(email, password);
    assertThat(r.statusCode()).as("sign-in of %s: %s", email, r.body()).isEqualTo(303);
    return this;
  }

  static Optional<String> csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
