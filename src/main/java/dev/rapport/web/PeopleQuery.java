package dev.rapport.web;

import dev.rapport.authenticity.Category;
import dev.rapport.people.Directory;
import dev.rapport.people.Notes;
import dev.rapport.people.Stage;
import dev.rapport.workspace.Platform;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people list's filters as the page and the API take them: {@code stage}, {@code verdict},
 * {@code platform}, {@code tag} and {@code engaged} ({@code 30d}: engaged in the last 30 days;
 * {@code quiet-90d}: not in the last 90; {@code never}). Bad values are refused in plain words.
 *
 * @param raw the parameters as given (normalised), for the form and for links that keep them
 */
record PeopleQuery(Directory.Filter filter, Map<String, String> raw) {

  static final List<String> PARAMS = List.of("stage", "verdict", "platform", "tag", "engaged");
  private static final Pattern ENGAGED = Pattern.compile("(quiet-)?(\\d{1,4})d");

  static PeopleQuery of(Context ctx, Instant now) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String p : PARAMS) {
      String v = Requests.query(ctx, p);
      if (v != null) {
        raw.put(p, v);
      }
    }
    return parse(raw, now);
  }

  static PeopleQuery parse(Map<String, String> given, Instant now) {
    Map<String, String> raw = new LinkedHashMap<>();
    Stage stage = null;
    Category verdict = null;
    Platform platform = null;
    String tag = null;
    Instant since = null;
    Instant quiet = null;
    boolean never = false;
    if (given.get("stage") != null) {
      try {
        stage = Stage.fromCode(given.get("stage"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "There is no stage '"
                + given.get("stage")
                + "'. The stages are stranger, follower, engager, regular, advocate and customer.");
      }
      raw.put("stage", stage.code());
    }
    if (given.get("verdict") != null) {
      verdict =
          Verdicts.parse(given.get("verdict"))
              .orElseThrow(
                  () -> new IllegalArgumentException(Verdicts.unknown(given.get("verdict"))));
      raw.put("verdict", verdict.code());
    }
    if (given.get("platform") != null) {
      platform = Platform.fromCode(given.get("platform"));
      raw.put("platform", platform.code());
    }
    if (given.get("tag") != null) {
      tag = Notes.normalTag(given.get("tag"));
      raw.put("tag", tag);
    }
    String engaged = given.get("engaged");
    if (engaged != null) {
      String e = engaged.strip().toLowerCase(Locale.ROOT);
      Matcher m = ENGAGED.matcher(e);
      if (e.equals("never")) {
        never = true;
      } else if (m.matches() && Integer.parseInt(m.group(2)) > 0) {
        Instant edge = now.minus(Duration.ofDays(Integer.parseInt(m.group(2))));
        if (m.group(1) == null) {
          since = edge;
        } else {
          quiet = edge;
        }
      } else {
        throw new IllegalArgumentException(
            "'engaged' must be like 30d (engaged in the last 30 days), quiet-90d (not in the last"
                + " 90 days) or never; not '"
                + engaged
                + "'.");
      }
      raw.put("engaged", e);
    }
    return new PeopleQuery(
        new Directory.Filter(stage, verdict, platform, tag, since, quiet, never), Map.copyOf(raw));
  }

  String value(String name) {
    return raw.getOrDefault(name, "");
  }

  /** The filters as a query string (no '?'), in a stable order. */
  String query() {
    List<String> parts = new ArrayList<>();
    for (String p : PARAMS) {
      if (raw.containsKey(p)) {
        parts.add(p + "=" + URLEncoder.encode(raw.get(p), StandardCharsets.UTF_8));
      }
    }
    return String.join("&", parts);
  }
}
