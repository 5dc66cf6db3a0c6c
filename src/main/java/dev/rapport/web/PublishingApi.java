package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.content.PostState;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.publishing.BlockedDate;
import dev.rapport.publishing.CalendarDay;
import dev.rapport.publishing.CalendarEntry;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateOverride;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.publishing.Slot;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.web.view.ChannelQueue;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Posts, the calendar and the queues for programs. <b>Ids:</b> a post is what was written once; it
 * has one variant per channel. {@code POST /api/w/{slug}/posts} and the list answer posts ({@code
 * postId}) with their variants ({@code variantId}); every path {@code /api/w/{slug}/posts/{id}/…}
 * takes a <em>variant</em> id, as the post page, the calendar and dispatch do. Review steps
 * (submit, approve) act on the variant's whole post, because review is per post; schedule acts on
 * that variant. Refused steps are 409 with the planner's reason. Thread-safe.
 */
final class PublishingApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final Reviews reviews;
  private final Planner planner;
  private final Workspaces workspaces;
  private final ObjectMapper json;
  private final Clock clock;
  private final MediaLibrary library;

  PublishingApi(
      Reviews reviews,
      Planner planner,
      Workspaces workspaces,
      ObjectMapper json,
      Clock clock,
      MediaLibrary library) {
    this.library = library;
    this.reviews = reviews;
    this.planner = planner;
    this.workspaces = workspaces;
    this.json = json;
    this.clock = clock;
  }

  void register(Javalin app) {
    app.get("/api/w/{slug}/posts", this::list, Access.VIEWER);
    app.post("/api/w/{slug}/posts", this::create, Access.AUTHOR);
    app.post("/api/w/{slug}/posts/{id}/submit", this::submit, Access.AUTHOR);
    app.post("/api/w/{slug}/posts/{id}/approve", this::approve, Access.MANAGER);
    app.post("/api/w/{slug}/posts/{id}/schedule", this::schedule, Access.AUTHOR);
    app.get("/api/w/{slug}/calendar", this::calendar, Access.VIEWER);
    app.get("/api/w/{slug}/queue", this::queue, Access.VIEWER);
  }

  // --- JSON shapes ---

  record VariantJson(
      long variantId,
      long postId,
      long channelId,
      String state,
      String text,
      Instant scheduledAt,
      Instant plannedAt,
      List<MediaJson> media) {}

  record MediaJson(String kind, String location, String altText) {}

  record PostJson(
      long postId,
      String title,
      String state,
      Long authorId,
      Long seriesId,
      List<VariantJson> variants) {}

  record EntryJson(
      long variantId,
      long postId,
      long channelId,
      String state,
      Instant at,
      String localTime,
      String excerpt) {}

  record DayJson(LocalDate date, boolean blocked, List<EntryJson> entries) {}

  record BlockedJson(long id, Long channelId, LocalDate day, String reason) {}

  record QueueJson(
      long channelId,
      String platform,
      String handle,
      List<String> slots,
      Instant nextFreeSlot,
      LocalDate scheduledThrough,
      long runwayDays,
      List<EntryJson> items) {}

  static PostJson post(PlannedPost p) {
    return new PostJson(
        p.id(),
        p.title(),
        p.state().code(),
        p.authorId(),
        p.seriesId(),
        p.variants().stream().map(PublishingApi::variant).toList());
  }

  static VariantJson variant(PlannedVariant v) {
    return new VariantJson(
        v.id(),
        v.postId(),
        v.channelId(),
        v.state().code(),
        v.text(),
        v.scheduledAt(),
        v.plannedAt(),
        v.media().stream().map(PublishingApi::media).toList());
  }

  private static MediaJson media(VariantMedia m) {
    return new MediaJson(m.kind().name().toLowerCase(Locale.ROOT), m.location(), m.altText());
  }

  static EntryJson entry(CalendarEntry e) {
    return new EntryJson(
        e.variantId(),
        e.postId(),
        e.channelId(),
        e.state().code(),
        e.at(),
        e.localTime().toString(),
        e.excerpt());
  }

  // --- posts ---

  private void list(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    String raw = Requests.query(ctx, "state");
    PostState state;
    try {
      state = raw == null ? null : PostState.fromCode(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'state' must be one of draft, in_review, approved, scheduled, publishing, published,"
              + " failed, unconfirmed; not '"
              + raw
              + "'.");
    }
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Requests.number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Reviews.PostPage page = reviews.posts(ws.id(), state, offset, limit);
    ctx.json(
        ApiViews.Paged.of(
            page.posts().stream().map(PublishingApi::post).toList(),
            page.total(),
            offset,
            limit,
            "/api/w/" + ws.slug() + "/posts" + (state == null ? "" : "?state=" + state.code())));
  }

  /**
   * Body {@code {"title": "…", "text": "…", "channels": [3, 4], "variants": [{"channelId": 4,
   * "text": "…"}]}}: a variant per channel named in {@code channels} (with the shared {@code text})
   * or in {@code variants} (with its own); 201 with the draft post.
   */
  private void create(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    JsonNode body = JsonBody.read(json, ctx);
    String title = JsonBody.text(body, "title", false);
    String shared = JsonBody.text(body, "text", false);
    Map<Long, String> texts = new LinkedHashMap<>();
    JsonNode channels = body.get("channels");
    if (channels != null && !channels.isNull()) {
      if (!channels.isArray()) {
        throw new IllegalArgumentException("'channels' must be an array of channel ids.");
      }
      for (JsonNode c : channels) {
        if (!c.isIntegralNumber()) {
          throw new IllegalArgumentException("'channels' must be an array of channel ids.");
        }
        if (shared == null || shared.isBlank()) {
          throw new IllegalArgumentException("'text' is required with 'channels'.");
        }
        texts.put(c.asLong(), shared);
      }
    }
    Map<Long, List<VariantMedia>> media = new LinkedHashMap<>();
    JsonNode variants = body.get("variants");
    if (variants != null && !variants.isNull()) {
      if (!variants.isArray()) {
        throw new IllegalArgumentException("'variants' must be an array.");
      }
      for (JsonNode v : variants) {
        if (!v.isObject()) {
          throw new IllegalArgumentException("each of 'variants' must be an object.");
        }
        long channelId = JsonBody.id(v, "channelId");
        String own = JsonBody.text(v, "text", false);
        media.put(channelId, media(ws, channelId, v.get("media")));
        if (own == null && (shared == null || shared.isBlank())) {
          throw new IllegalArgumentException(
              "the variant for channel " + channelId + " needs 'text' (or give a shared 'text').");
        }
        texts.put(channelId, own != null ? own : shared);
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("Name at least one channel in 'channels' or 'variants'.");
    }
    List<DraftPost.DraftVariant> drafts = new ArrayList<>();
    for (Map.Entry<Long, String> e : texts.entrySet()) {
      if (workspaces.channel(ws.id(), e.getKey()).isEmpty()) {
        throw new IllegalArgumentException("There is no channel " + e.getKey() + " here.");
      }
      drafts.add(
          new DraftPost.DraftVariant(
              e.getKey(), e.getValue(), media.getOrDefault(e.getKey(), List.of())));
    }
    long id =
        refusedIsConflict(
            () ->
                reviews.create(
                    actor,
                    ws.id(),
                    new DraftPost(title == null || title.isBlank() ? null : title, drafts)));
    ctx.status(HttpStatus.CREATED).json(post(reviews.post(ws.id(), id).orElseThrow()));
  }

  /**
   * A variant's {@code media}: each {@code {"location": ..., "altText": ...}} names a file this
   * workspace keeps ({@code media:<name>}, from {@code POST /api/w/{slug}/media}; its kind is the
   * file's) or a public https address (its kind from {@code kind}, else from the extension).
   */
  private List<VariantMedia> media(Workspace ws, long channelId, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    String where = "the media of the variant for channel " + channelId;
    if (!node.isArray() || node.size() > ComposeMedia.MAX_PER_VARIANT) {
      throw new IllegalArgumentException(
          where + " must be an array of at most " + ComposeMedia.MAX_PER_VARIANT + " items.");
    }
    List<VariantMedia> out = new ArrayList<>();
    for (JsonNode m : node) {
      if (!m.isObject()) {
        throw new IllegalArgumentException("each of " + where + " must be an object.");
      }
      String location = JsonBody.text(m, "location", true).strip();
      String alt = JsonBody.text(m, "altText", false);
      String kindText = JsonBody.text(m, "kind", false);
      MediaKind kind;
      var kept = MediaLibrary.nameOf(location);
      if (kept.isPresent()) {
        MediaLibrary.MediaContent file =
            library
                .content(ws.id(), kept.get())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "'" + location + "' is not a file this workspace keeps."));
        kind =
            file.contentType().startsWith("video/")
                ? MediaKind.VIDEO
                : file.contentType().equals("image/gif") ? MediaKind.GIF : MediaKind.IMAGE;
      } else {
        URI u;
        try {
          u = URI.create(location);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + location + "' is not a web address.");
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme())
            || u.getHost() == null) {
          throw new IllegalArgumentException(
              "A media 'location' is media:<name> (POST /api/w/{slug}/media) or an https"
                  + " address, not '"
                  + location
                  + "'.");
        }
        kind = kindText != null ? kindOf(kindText) : byExtension(u.getPath());
      }
      out.add(new VariantMedia(kind, location, alt));
    }
    return out;
  }

  private static MediaKind kindOf(String text) {
    try {
      return MediaKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "media kind '" + text + "' is not one of image, video, gif, audio.");
    }
  }

  private static MediaKind byExtension(String path) {
    String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
    return p.endsWith(".mp4") || p.endsWith(".mov")
        ? MediaKind.VIDEO
        : p.endsWith(".gif") ? MediaKind.GIF : MediaKind.IMAGE;
  }

  private PlannedVariant variantOf(Context ctx, Workspace ws) {
    long id = Requests.pathId(ctx, "id", "post variant");
    return reviews.variant(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
  }

  private void submit(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    PlannedVariant v = variantOf(ctx, ws);
    refusedIsConflict(
        () -> {
          reviews.submit(actor, ws.id(), v.postId());
          return null;
        });
    ctx.json(post(reviews.post(ws.id(), v.postId()).orElseThrow()));
  }

  private void approve(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    PlannedVariant v = variantOf(ctx, ws);
    refusedIsConflict(
        () -> {
          reviews.approve(actor, ws.id(), v.postId());
          return null;
        });
    ctx.json(post(reviews.post(ws.id(), v.postId()).orElseThrow()));
  }

  /**
   * Body {@code {"at": "2026-06-18T09:00"}} (the workspace's wall clock, or with an offset), or
   * {@code {"at": "next-slot"}}; a manager may add {@code "override": {"gates": ["rubric"],
   * "reason": "…"}}. 200 with the variant; 409 with the reason when the gates block it or no slot
   * is free.
   */
  private void schedule(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    PlannedVariant v = variantOf(ctx, ws);
    JsonNode body = JsonBody.read(json, ctx);
    String at = JsonBody.text(body, "at", true);
    GateOverride override = override(body);
    ScheduleOutcome out =
        refusedIsConflict(
            () ->
                at.strip().equalsIgnoreCase("next-slot")
                    ? planner.addToQueue(actor, ws.id(), v.id(), override)
                    : planner.schedule(
                        actor, ws.id(), v.id(), Scheduling.at(ws, at, "at"), override));
    String why = Scheduling.refusal(out);
    if (why != null) {
      throw new ConflictResponse("Variant " + v.id() + " was not scheduled: " + why);
    }
    ctx.json(variant(reviews.variant(ws.id(), v.id()).orElseThrow()));
  }

  private static GateOverride override(JsonNode body) {
    JsonNode o = body.get("override");
    if (o == null || o.isNull()) {
      return null;
    }
    if (!o.isObject() || !o.path("gates").isArray()) {
      throw new IllegalArgumentException(
          "'override' must be {\"gates\": [\"rubric\", …], \"reason\": \"…\"}.");
    }
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    for (JsonNode g : o.get("gates")) {
      gates.add(Gate.fromCode(g.asText()));
    }
    return new GateOverride(gates, JsonBody.text(o, "reason", true));
  }

  private static <T> T refusedIsConflict(Supplier<T> step) {
    try {
      return step.get();
    } catch (Refused e) {
      throw new ConflictResponse(e.getMessage());
    }
  }

  // --- calendar and queues ---

  /** {@code from} and {@code to} are local dates (inclusive); this month when absent. */
  private void calendar(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), ws.timeZone()));
    LocalDate from = date(ctx, "from", month.atDay(1));
    LocalDate to =
        date(
            ctx,
            "to",
            Requests.query(ctx, "from") == null ? month.atEndOfMonth() : from.plusDays(30));
    List<CalendarDay> days = planner.days(ws.id(), from, to);
    List<BlockedDate> blocked = planner.blocked(ws.id(), from, to);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timeZone", ws.timeZone().getId());
    out.put("from", from);
    out.put("to", to);
    out.put(
        "days",
        days.stream()
            .map(
                d ->
                    new DayJson(
                        d.date(),
                        d.blocked(),
                        d.entries().stream().map(PublishingApi::entry).toList()))
            .toList());
    out.put(
        "blocked",
        blocked.stream()
            .map(b -> new BlockedJson(b.id(), b.channelId(), b.day(), b.reason()))
            .toList());
    ctx.json(out);
  }

  private static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String raw = Requests.query(ctx, name);
    if (raw == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + name + "' must be a day like 2026-06-17, not '" + raw + "'.");
    }
  }

  private void queue(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    List<Channel> channels = workspaces.channels(ws.id());
    List<QueueJson> items = new ArrayList<>();
    for (ChannelQueue q : CalendarRoutes.queues(planner, ws, channels, clock.instant())) {
      items.add(
          new QueueJson(
              q.channel().id(),
              q.channel().platform().code(),
              q.channel().handle(),
              q.slots().stream().map(Slot::toString).toList(),
              q.nextFreeSlot(),
              q.scheduledThrough(),
              q.runwayDays(),
              q.upcoming().stream().map(PublishingApi::entry).toList()));
    }
    ctx.json(Map.of("timeZone", ws.timeZone().getId(), "channels", items));
  }
}
