package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.BrandLessons;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.content.quality.Platform;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content quality and consistency for programs and for the composer's live findings:
 *
 * <ul>
 *   <li>{@code POST /api/w/{slug}/lint} with {@code {"text": "...", "platform": "bluesky", "media":
 *       [{"kind": "image", "altText": "..."}]}} returns the rubric report;
 *   <li>{@code GET /api/w/{slug}/consistency} returns each channel's consistency and spray-and-pray
 *       report.
 * </ul>
 *
 * Thread-safe.
 */
final class ContentApi {

  /** Longer than any platform allows: a bound on work per keystroke, not a platform rule. */
  static final int MAX_TEXT = 20_000;

  private final ConsistencyOverview consistency;
  private final BrandLessons lessons;
  private final ObjectMapper json;
  private final Map<Long, Built> rubrics = new ConcurrentHashMap<>();

  ContentApi(ConsistencyOverview consistency, BrandLessons lessons, ObjectMapper json) {
    this.consistency = consistency;
    this.lessons = lessons;
    this.json = json;
  }

  /** A workspace's rubric, rebuilt when its declared audience changes. */
  private record Built(TargetAudience audience, Rubric rubric) {}

  void register(Javalin app) {
    app.post("/api/w/{slug}/lint", this::lint, Access.VIEWER);
    app.get("/api/w/{slug}/consistency", this::consistency, Access.VIEWER);
    app.get("/api/w/{slug}/insights", this::insights, Access.VIEWER);
  }

  record LintResult(String platform, int overall, boolean blocked, RubricReport report) {}

  private void lint(Context ctx) throws java.io.IOException {
    Workspace ws = Guard.member(ctx).workspace();
    JsonNode body;
    try {
      body = json.readTree(Requests.utf8Body(ctx));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with \"text\" and \"platform\"");
    }
    JsonNode text = body.get("text");
    if (text == null || !text.isTextual()) {
      throw new IllegalArgumentException("\"text\" must be a string");
    }
    if (text.asText().length() > MAX_TEXT) {
      throw new IllegalArgumentException("\"text\" is longer than " + MAX_TEXT + " characters");
    }
    JsonNode platformNode = body.get("platform");
    if (platformNode == null || !platformNode.isTextual()) {
      throw new IllegalArgumentException(
          "\"platform\" must be one of mastodon, bluesky, x, instagram, facebook, threads,"
              + " linkedin");
    }
    Platform platform = Platform.parse(platformNode.asText());
    List<Media> media = new ArrayList<>();
    JsonNode mediaNode = body.get("media");
    if (mediaNode != null && !mediaNode.isNull()) {
      if (!mediaNode.isArray() || mediaNode.size() > 20) {
        throw new IllegalArgumentException("\"media\" must be an array of at most 20 items");
      }
      for (JsonNode m : mediaNode) {
        String kind = m.path("kind").asText("");
        try {
          media.add(
              new Media(
                  MediaKind.valueOf(kind.toUpperCase(Locale.ROOT)), m.path("altText").asText("")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "media kind '" + kind + "' is not one of image, video, gif, audio");
        }
      }
    }
    RubricReport report = rubric(ws).assess(new Draft(text.asText(), platform, media));
    ctx.json(new LintResult(platform.id(), report.overall(), report.blocked(), report));
  }

  private Rubric rubric(Workspace ws) {
    Built built =
        rubrics.compute(
            ws.id(),
            (id, old) ->
                old != null && old.audience().equals(ws.audience())
                    ? old
                    : new Built(
                        ws.audience(),
                        Rubric.forAudience(
                            new Audience(
                                ws.audience().description(), ws.audience().topics(), List.of()))));
    return built.rubric();
  }

  private void insights(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    ctx.json(lessons.of(ws.id()).summary());
  }

  private void consistency(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    ctx.json(Map.of("workspace", ws.slug(), "channels", consistency.of(ws.id())));
  }
}
