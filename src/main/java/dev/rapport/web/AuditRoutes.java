package dev.rapport.web;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.Category;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Engagers;
import dev.rapport.people.Audits;
import dev.rapport.people.Audits.FlaggedIdentity;
import dev.rapport.web.view.AccountView;
import dev.rapport.web.view.AuditResultView;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audits from the browser and the API: a follower file uploaded and audited (stored only when the
 * whole file was read), one account's verdict and reasons, and "who engaged with this post" — a
 * post variant's engagers by verdict. Thread-safe.
 */
final class AuditRoutes {

  /** Engagers a post audit reads at most (newest first). */
  static final int MAX_ENGAGERS = 10_000;

  private final AudienceAudit audit;
  private final Audits audits;
  private final Workspaces workspaces;
  private final Posts posts;
  private final Engagers engagers;
  private final Pages pages;

  AuditRoutes(
      AudienceAudit audit,
      Audits audits,
      Workspaces workspaces,
      Posts posts,
      Engagers engagers,
      Pages pages) {
    this.audit = audit;
    this.audits = audits;
    this.workspaces = workspaces;
    this.posts = posts;
    this.engagers = engagers;
    this.pages = pages;
  }

  void register(Javalin app) {
    // Refuse an oversized upload before the multipart parser reads it.
    app.before("/w/{slug}/audience/audits", AuditRoutes::limitSize);
    app.before("/api/w/{slug}/audits", AuditRoutes::limitSize);
    app.post("/w/{slug}/audience/audits", this::upload, Access.MANAGER);
    app.get("/w/{slug}/audience/accounts/{id}", this::accountPage, Access.VIEWER);
    app.post("/api/w/{slug}/audits", this::uploadApi, Access.MANAGER);
    app.get("/api/w/{slug}/audience/accounts/{id}", this::accountApi, Access.VIEWER);
    app.get("/api/w/{slug}/audits/posts/{id}", this::postAudit, Access.VIEWER);
  }

  private static void limitSize(Context ctx) {
    if (ctx.method().name().equals("POST")
        && ctx.contentLength() > AudienceAudit.MAX_BYTES + 65_536) {
      throw AudienceAudit.tooLarge();
    }
  }

  private void upload(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) {
      throw Invalid.field("file", "Choose a follower file to audit.");
    }
    Channel channel = channel(ws, ctx.formParam("channel"));
    long maxErrors = maxErrors(ctx.formParam("maxErrors"));
    AudienceAudit.Outcome out;
    try (InputStream in = file.content()) {
      out = audit.run(ws, channel == null ? null : channel.id(), in, file.filename(), maxErrors);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    pages.render(
        ctx,
        "audit-result.jte",
        pages.shell(ctx, "Audit · " + ws.name(), ws, "audience"),
        new AuditResultView(ws, out.auditId(), out.report(), channel, out.skipped()));
  }

  /**
   * The body is the follower file itself (JSON, JSON Lines or CSV), or a multipart form with it in
   * {@code file}; {@code channelId}, {@code maxErrors} and {@code filename} (for the format) in the
   * query.
   */
  private void uploadApi(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    Channel channel = channel(ws, Requests.query(ctx, "channelId"));
    long maxErrors = maxErrors(Requests.query(ctx, "maxErrors"));
    String name = Requests.query(ctx, "filename");
    AudienceAudit.Outcome out;
    try {
      if (ctx.isMultipartFormData()) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
          throw Invalid.field("file", "Send the follower file in the 'file' part.");
        }
        try (InputStream in = file.content()) {
          out =
              audit.run(
                  ws,
                  channel == null ? null : channel.id(),
                  in,
                  name != null ? name : file.filename(),
                  maxErrors);
        }
      } else {
        out =
            audit.run(
                ws,
                channel == null ? null : channel.id(),
                ctx.bodyInputStream(),
                name != null ? name : guessName(ctx.contentType()),
                maxErrors);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/api/w/" + ws.slug() + "/audits")
        .json(report(out, channel));
  }

  /** The audit as the API answers it. */
  record AuditResult(
      long id,
      Long channelId,
      String source,
      String scorer,
      long profiles,
      Map<String, Long> byCategory,
      long authentic,
      double authenticShare,
      double realReach,
      double qualityScore,
      long badRecords,
      List<String> skipped,
      List<AuditReport.ReasonCount> topReasons,
      List<Suspicious> mostSuspicious) {}

  record Suspicious(
      String id, String handle, String category, double probability, List<String> reasons) {}

  private static AuditResult report(AudienceAudit.Outcome out, Channel channel) {
    AuditReport r = out.report();
    return new AuditResult(
        out.auditId(),
        channel == null ? null : channel.id(),
        r.source(),
        r.scorer(),
        r.followers(),
        ApiViews.categories(r.byCategory()),
        r.authentic(),
        r.authenticShare(),
        r.realReach(),
        r.qualityScore(),
        r.badRecords(),
        out.skipped(),
        r.topReasons(),
        r.mostSuspicious().stream()
            .map(
                f ->
                    new Suspicious(
                        f.id(), f.handle(), f.category().code(), f.probability(), f.reasons()))
            .toList());
  }

  private static String guessName(String contentType) {
    String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("text/csv")) {
      return "upload.csv";
    }
    if (t.startsWith("application/x-ndjson") || t.startsWith("application/jsonl")) {
      return "upload.jsonl";
    }
    if (t.startsWith("application/json")) {
      return "upload.json";
    }
    throw Invalid.field(
        "Content-Type",
        "Send the follower file as application/json, application/x-ndjson or text/csv, or as"
            + " multipart/form-data with a 'file' part.");
  }

  private Channel channel(Workspace ws, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return workspaces
          .channel(ws.id(), Long.parseLong(raw.strip()))
          .orElseThrow(
              () -> Invalid.field("channel", "This workspace has no channel " + raw + "."));
    } catch (NumberFormatException e) {
      throw Invalid.field("channel", "'channel' must be a channel number, not '" + raw + "'.");
    }
  }

  private static long maxErrors(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      long n = Long.parseLong(raw.strip());
      if (n >= 0 && n <= AudienceAudit.MAX_ERRORS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw Invalid.field(
        "maxErrors",
        "'maxErrors' must be a whole number from 0 to "
            + AudienceAudit.MAX_ERRORS
            + ", not '"
            + raw
            + "'.");
  }

  private FlaggedIdentity account(Context ctx, Workspace ws) {
    long id = Requests.pathId(ctx, "id", "account");
    return audits.account(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such account."));
  }

  private void accountPage(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    FlaggedIdentity a = account(ctx, ws);
    pages.render(
        ctx,
        "account.jte",
        pages.shell(ctx, "Account · " + ws.name(), ws, "audience"),
        new AccountView(ws, a));
  }

  private void accountApi(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    ctx.json(ApiViews.flagged(account(ctx, ws)));
  }

  /** One verdict's share of a post's engagement. */
  record VerdictSlice(String verdict, long engagements, double share, Map<String, Long> byKind) {}

  record PostAudit(
      long variantId,
      long engagements,
      long authentic,
      long suspicious,
      double authenticShare,
      double suspiciousShare,
      List<VerdictSlice> byVerdict,
      ApiViews.Paged<Engagers.Engager> engagers) {}

  /** "Who engaged with this post": the engagement by the engagers' verdicts, and the engagers. */
  private void postAudit(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long id = Requests.pathId(ctx, "id", "post variant");
    posts.variant(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
    String verdict = Requests.query(ctx, "verdict");
    if (verdict != null) {
      String given = verdict;
      verdict =
          Verdicts.parse(given)
              .map(Category::code)
              .orElseThrow(() -> Invalid.field("verdict", Verdicts.unknown(given)));
    }
    int offset = Requests.number(ctx, "offset", 0, 0, MAX_ENGAGERS);
    int limit =
        Requests.number(ctx, "limit", WorkspaceApi.DEFAULT_LIMIT, 1, WorkspaceApi.MAX_LIMIT);
    Map<String, Map<String, Long>> split = engagers.split(ws.id(), id);
    long total =
        split.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    List<VerdictSlice> slices = new ArrayList<>();
    long authentic = 0;
    long suspicious = 0;
    for (Category c : Category.values()) {
      Map<String, Long> kinds = split.get(c.code());
      if (kinds == null) {
        continue;
      }
      long n = kinds.values().stream().mapToLong(Long::longValue).sum();
      if (c.authentic()) {
        authentic += n;
      }
      if (c == Category.SUSPICIOUS || c == Category.SELF_DECLARED_BOT) {
        suspicious += n;
      }
      slices.add(new VerdictSlice(c.code(), n, share(n, total), new LinkedHashMap<>(kinds)));
    }
    String wanted = verdict;
    List<Engagers.Engager> all =
        engagers
            .of(
                ws.id(),
                id,
                Math.min(MAX_ENGAGERS, offset + limit + (wanted == null ? 0 : MAX_ENGAGERS)))
            .stream()
            .filter(e -> wanted == null || wanted.equals(e.verdict()))
            .toList();
    long matching =
        wanted == null
            ? total
            : split.getOrDefault(wanted, Map.of()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    List<Engagers.Engager> page =
        all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    String next =
        offset + page.size() < Math.min(matching, MAX_ENGAGERS) && !page.isEmpty()
            ? "/api/w/"
                + ws.slug()
                + "/audits/posts/"
                + id
                + "?"
                + (wanted == null ? "" : "verdict=" + wanted + "&")
                + "offset="
                + (offset + limit)
                + "&limit="
                + limit
            : null;
    ctx.json(
        new PostAudit(
            id,
            total,
            authentic,
            suspicious,
            share(authentic, total),
            share(suspicious, total),
            slices,
            new ApiViews.Paged<>(page, matching, offset, limit, next)));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? Double.NaN : part / (double) whole;
  }
}
