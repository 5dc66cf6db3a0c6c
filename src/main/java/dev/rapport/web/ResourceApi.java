package dev.rapport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.content.Posts;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.imports.ImportKind;
import dev.rapport.people.People;
import dev.rapport.publishing.Gates;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Membership;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST resources beyond people and audits: workspaces, channels (add), engagements and
 * conversions ingest, tracked links and members. Lists are paged as {@code /api/w/{slug}/people} is
 * ({@code {items, total, offset, limit, next}}); bodies are JSON objects checked field by field;
 * errors are problem details whose {@code errors} name the fields. Thread-safe.
 */
final class ResourceApi {

  private final Workspaces workspaces;
  private final ChannelRoutes channels;
  private final BatchImport batches;
  private final TrackedLinks links;
  private final Posts posts;
  private final People people;
  private final Gates gates;
  private final Members members;
  private final dev.rapport.workspace.SecurityLog log;
  private final ObjectMapper json;

  ResourceApi(
      Workspaces workspaces,
      ChannelRoutes channels,
      BatchImport batches,
      TrackedLinks links,
      Posts posts,
      People people,
      Gates gates,
      Members members,
      dev.rapport.workspace.SecurityLog log,
      ObjectMapper json) {
    this.workspaces = workspaces;
    this.channels = channels;
    this.batches = batches;
    this.links = links;
    this.posts = posts;
    this.people = people;
    this.gates = gates;
    this.members = members;
    this.log = log;
    this.json = json;
  }

  void register(Javalin app) {
    app.get("/api/workspaces", this::workspaces, Access.SIGNED_IN);
    app.get("/api/w/{slug}", this::workspace, Access.VIEWER);
    app.patch("/api/w/{slug}", this::updateWorkspace, Access.MANAGER);
    app.post("/api/w/{slug}/channels", this::addChannel, Access.MANAGER);
    app.post("/api/w/{slug}/engagements", this::engagements, Access.MANAGER);
    app.post("/api/w/{slug}/conversions", this::conversions, Access.MANAGER);
    app.get("/api/w/{slug}/links", this::links, Access.VIEWER);
    app.post("/api/w/{slug}/links", this::addLink, Access.AUTHOR);
    app.get("/api/w/{slug}/members", this::members, Access.MANAGER);
    app.post("/api/w/{slug}/members", this::addMember, Access.MANAGER);
    app.patch("/api/w/{slug}/members/{id}", this::changeMember, Access.MANAGER);
    app.delete("/api/w/{slug}/members/{id}", this::removeMember, Access.MANAGER);
  }

  record AudienceJson(
      String description, List<String> topics, List<String> languages, List<String> places) {
    static AudienceJson of(TargetAudience a) {
      return new AudienceJson(a.description(), a.topics(), a.languages(), a.places());
    }
  }

  record WorkspaceJson(
      long id,
      String slug,
      String name,
      String timeZone,
      AudienceJson audience,
      Instant createdAt,
      String role) {
    static WorkspaceJson of(Workspace w, Role role) {
      return new WorkspaceJson(
          w.id(),
          w.slug(),
          w.name(),
          w.timeZone().getId(),
          AudienceJson.of(w.audience()),
          w.createdAt(),
          role.code());
    }
  }

  /** The caller's workspaces; a token sees only its own. */
  private void workspaces(Context ctx) {
    Caller caller = Guard.caller(ctx).orElseThrow();
    List<WorkspaceJson> items = new ArrayList<>();
    for (Membership m : workspaces.memberships(caller.user().id())) {
      caller
          .cap(m.workspace().id(), m.role())
          .ifPresent(r -> items.add(WorkspaceJson.of(m.workspace(), r)));
    }
    ctx.json(new ApiViews.Paged<>(items, items.size(), 0, items.size(), null));
  }

  private void workspace(Context ctx) {
    Member m = Guard.member(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", WorkspaceJson.of(m.workspace(), m.role()));
    out.put("publishing", gates.settings(m.workspace().id()));
    ctx.json(out);
  }

  /** Name, time zone and target audience; fields left out keep their value. */
  private void updateWorkspace(Context ctx) {
    Member m = Guard.member(ctx);
    Workspace ws = m.workspace();
    JsonNode body = body(ctx);
    known(body, "", List.of("name", "timeZone", "audience"));
    String name = body.has("name") ? SettingsInput.name(text(body, "name")) : ws.name();
    ZoneId zone = body.has("timeZone") ? SettingsInput.zone(text(body, "timeZone")) : ws.timeZone();
    TargetAudience audience = ws.audience();
    JsonNode a = body.get("audience");
    if (a != null) {
      if (!a.isObject()) {
        throw Invalid.field("/audience", "'audience' must be an object.");
      }
      known(a, "/audience", List.of("description", "topics", "languages", "places"));
      audience =
          SettingsInput.audience(
              a.has("description") ? text(a, "description") : audience.description(),
              a.has("topics") ? strings(a, "topics") : audience.topics(),
              a.has("languages") ? strings(a, "languages") : audience.languages(),
              a.has("places") ? strings(a, "places") : audience.places());
    }
    // Everything is checked above; only now is anything written.
    if (!name.equals(ws.name()) || !zone.equals(ws.timeZone())) {
      workspaces.update(ws.id(), name, zone);
      SecurityEvents.record(log, ctx, "workspace.updated", name + ", " + zone.getId());
    }
    if (!audience.equals(ws.audience())) {
      workspaces.updateAudience(ws.id(), audience);
    }
    ctx.json(WorkspaceJson.of(workspaces.byId(ws.id()).orElseThrow(), m.role()));
  }

  private void addChannel(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    JsonNode body = body(ctx);
    known(body, "", List.of("platform", "handle", "name"));
    String platform = text(body, "platform");
    try {
      dev.rapport.workspace.Platform.fromCode(platform == null ? "" : platform);
    } catch (IllegalArgumentException e) {
      throw Invalid.field("/platform", "'platform' must be a platform code such as bluesky.");
    }
    Channel c;
    try {
      c = channels.add(ws, platform, text(body, "handle"), text(body, "name"));
    } catch (IllegalArgumentException e) {
      throw Invalid.field(
          e.getMessage().contains("name holds") ? "/name" : "/handle", e.getMessage());
    }
    SecurityEvents.record(log, ctx, "channel.added", c.platform().code() + " " + c.handle());
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/w/" + ws.slug() + "/channels")
        .json(ApiViews.channel(c, null));
  }

  private void engagements(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    BatchImport.Counts c = batches.run(ctx, ws.id(), ImportKind.ENGAGEMENTS, "events");
    ctx.status(HttpStatus.OK).json(c);
  }

  private void conversions(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    BatchImport.Counts c = batches.run(ctx, ws.id(), ImportKind.CONVERSIONS, "conversions");
    ctx.status(HttpStatus.OK).json(c);
  }

  record LinkJson(
      long id,
      String code,
      String shortUrl,
      URI target,
      URI destination,
      Long postId,
      Long channelId,
      Long personId,
      String utmSource,
      String utmMedium,
      String utmCampaign,
      long clicks) {}

  private LinkJson link(Workspace ws, TrackedLink l) {
    String base = gates.settings(ws.id()).linkBase();
    return new LinkJson(
        l.id(),
        l.code(),
        base == null ? null : base + "/l/" + l.code(),
        l.target(),
        l.destination(),
        l.postId(),
        l.channelId(),
        l.personId(),
        l.utmSource(),
        l.utmMedium(),
        l.utmCampaign(),
        links.clicks(ws.id(), l.id()));
  }

  private void links(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit =
        Requests.number(ctx, "limit", WorkspaceApi.DEFAULT_LIMIT, 1, WorkspaceApi.MAX_LIMIT);
    TrackedLinks.LinkPage page = links.list(ws.id(), offset, limit);
    ctx.json(
        ApiViews.Paged.of(
            page.links().stream().map(l -> link(ws, l)).toList(),
            page.total(),
            offset,
            limit,
            "/api/w/" + ws.slug() + "/links"));
  }

  private void addLink(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    JsonNode body = body(ctx);
    known(
        body,
        "",
        List.of(
            "target", "postId", "channelId", "personId", "utmSource", "utmMedium", "utmCampaign"));
    String target = text(body, "target");
    if (target == null || target.isBlank()) {
      throw Invalid.field("/target", "'target' is required: the address the link leads to.");
    }
    URI uri;
    try {
      uri = new URI(target.strip());
    } catch (URISyntaxException e) {
      throw Invalid.field("/target", "'target' is not an address: " + e.getReason() + ".");
    }
    Long postId = id(body, "postId");
    if (postId != null && posts.post(ws.id(), postId).isEmpty()) {
      throw Invalid.field("/postId", "This workspace has no post " + postId + ".");
    }
    Long channelId = id(body, "channelId");
    if (channelId != null && workspaces.channel(ws.id(), channelId).isEmpty()) {
      throw Invalid.field("/channelId", "This workspace has no channel " + channelId + ".");
    }
    Long personId = id(body, "personId");
    if (personId != null && people.person(ws.id(), personId).isEmpty()) {
      throw Invalid.field("/personId", "This workspace has no person " + personId + ".");
    }
    NewLink link;
    try {
      link =
          new NewLink(
              uri,
              postId,
              channelId,
              personId,
              utm(body, "utmSource"),
              utm(body, "utmMedium"),
              utm(body, "utmCampaign"));
    } catch (IllegalArgumentException e) {
      throw Invalid.field("/target", e.getMessage() + ".");
    }
    TrackedLink created = links.create(ws.id(), link);
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/w/" + ws.slug() + "/links")
        .json(link(ws, created));
  }

  record MemberJson(long userId, String email, String displayName, String role) {
    static MemberJson of(User u, Role r) {
      return new MemberJson(u.id(), u.email(), u.displayName(), r.code());
    }
  }

  private void members(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    List<Workspaces.Member> all = members.list(ws);
    int offset = Requests.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit =
        Requests.number(ctx, "limit", WorkspaceApi.DEFAULT_LIMIT, 1, WorkspaceApi.MAX_LIMIT);
    List<MemberJson> page =
        all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)).stream()
            .map(m -> MemberJson.of(m.user(), m.role()))
            .toList();
    ctx.json(
        ApiViews.Paged.of(page, all.size(), offset, limit, "/api/w/" + ws.slug() + "/members"));
  }

  private void addMember(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    JsonNode body = body(ctx);
    known(body, "", List.of("email", "role", "displayName"));
    Members.Added added =
        members.add(ctx, text(body, "email"), text(body, "role"), text(body, "displayName"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("member", MemberJson.of(added.user(), added.role()));
    if (added.password() != null) {
      out.put("password", added.password());
    }
    ctx.status(HttpStatus.CREATED).header("Location", "/api/w/" + ws.slug() + "/members").json(out);
  }

  private void changeMember(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    JsonNode body = body(ctx);
    known(body, "", List.of("role"));
    long id = Requests.pathId(ctx, "id", "member");
    User u = members.change(ctx, id, text(body, "role"));
    ctx.json(MemberJson.of(u, workspaces.role(ws.id(), u.id()).orElseThrow()));
  }

  private void removeMember(Context ctx) {
    members.remove(ctx, Requests.pathId(ctx, "id", "member"));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  // --- reading bodies -------------------------------------------------------------------------

  private JsonNode body(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw Invalid.field(
          "Content-Type", "Send the body as JSON (Content-Type: application/json).");
    }
    String raw = Requests.utf8Body(ctx);
    if (raw.length() > JsonBody.MAX_BODY) {
      throw Invalid.field("", "The body is larger than 64 KiB.");
    }
    JsonNode node;
    try {
      node = json.readTree(raw);
    } catch (JsonProcessingException e) {
      throw Invalid.field("", "The body is not valid JSON: " + e.getOriginalMessage() + ".");
    }
    if (node == null || !node.isObject()) {
      throw Invalid.field("", "The body must be a JSON object.");
    }
    return node;
  }

  /** Refuses fields this resource does not have: a misspelt field is an error, not ignored. */
  private static void known(JsonNode body, String at, List<String> fields) {
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!fields.contains(f)) {
                throw Invalid.field(
                    at + "/" + f,
                    "Unknown field '" + f + "'; the fields are " + String.join(", ", fields) + ".");
              }
            });
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw Invalid.field("/" + field, "'" + field + "' must be a string.");
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw Invalid.field("/" + field, "'" + field + "' must be an array of strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw Invalid.field("/" + field, "'" + field + "' must be an array of strings.");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Long id(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 1) {
      throw Invalid.field("/" + field, "'" + field + "' must be a positive whole number.");
    }
    return v.asLong();
  }

  private static String utm(JsonNode body, String field) {
    String v = text(body, field);
    if (v != null && (v.length() > 200 || v.chars().anyMatch(Character::isISOControl))) {
      throw Invalid.field("/" + field, "'" + field + "' holds at most 200 characters.");
    }
    return v == null || v.isBlank() ? null : v.strip();
  }
}
