package dev.rapport.content.consistency.internal;

import dev.rapport.content.Posts;
import dev.rapport.content.Variant;
import dev.rapport.content.consistency.AudiencePoint;
import dev.rapport.content.consistency.Consistency;
import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.content.consistency.ConsistencySettings;
import dev.rapport.content.consistency.PostingPlan;
import dev.rapport.content.consistency.PublishedPost;
import dev.rapport.content.consistency.ScheduledPost;
import dev.rapport.content.consistency.SprayAndPray;
import dev.rapport.content.consistency.SpraySettings;
import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.Dimension;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Platform;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.Truth;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the inputs of {@link Consistency} and {@link SprayAndPray} from storage. Looks back one
 * year: enough for the yearly summary and the spray windows, bounded for large workspaces.
 */
public final class SqlConsistencyOverview implements ConsistencyOverview {

  static final Duration LOOKBACK = Duration.ofDays(365);
  static final int MAX_POSTS = 20_000;

  private final Database db;
  private final Workspaces workspaces;
  private final Posts posts;
  private final Truth truth;
  private final Clock clock;

  public SqlConsistencyOverview(
      Database db, Workspaces workspaces, Posts posts, Truth truth, Clock clock) {
    this.db = db;
    this.workspaces = workspaces;
    this.posts = posts;
    this.truth = truth;
    this.clock = clock;
  }

  @Override
  public List<ChannelStanding> of(long workspaceId) {
    Workspace w =
        workspaces
            .byId(workspaceId)
            .orElseThrow(() -> new IllegalArgumentException("no workspace " + workspaceId));
    Instant now = clock.instant();
    Instant from = now.minus(LOOKBACK);
    List<Channel> channels = workspaces.channels(workspaceId);
    // Channels are named the way a person reads them: the spray-and-pray evidence lists the other
    // channels a text went to ("also on bluesky bakery.bsky.social").
    Map<Long, String> names = new HashMap<>();
    for (Channel c : channels) {
      names.put(c.id(), c.platform().code() + " " + c.handle());
    }
    java.util.function.LongFunction<String> key = id -> names.getOrDefault(id, "channel " + id);
    List<PostTruth> published = truth.posts(workspaceId, from, now, MAX_POSTS);
    Map<Long, String> bodies = bodies(workspaceId, published);
    Rubric rubric =
        Rubric.forAudience(
            new Audience(w.audience().description(), w.audience().topics(), List.of()));
    Map<Long, List<PublishedPost>> byChannel = new HashMap<>();
    for (PostTruth p : published) {
      String text = bodies.getOrDefault(p.variantId(), p.excerpt());
      RubricReport report = rubric.assess(Draft.published(text, platform(p.platform())));
      byChannel
          .computeIfAbsent(p.channelId(), k -> new ArrayList<>())
          .add(
              new PublishedPost(
                  key.apply(p.channelId()),
                  p.publishedAt(),
                  report.overall(),
                  report.score(Dimension.SPECIFIC),
                  p.authenticEngagements(),
                  text));
    }
    Map<Long, List<ScheduledPost>> scheduled = scheduled(workspaceId, now, key);
    List<AudiencePoint> audience = new ArrayList<>();
    List<PublishedPost> all = new ArrayList<>();
    byChannel.values().forEach(all::addAll);
    ConsistencySettings settings = ConsistencySettings.defaults(w.timeZone());
    List<ChannelStanding> out = new ArrayList<>();
    List<Instant> windowEnds = windowEnds(now);
    Map<Instant, Integer> engagedAt = new HashMap<>();
    for (Instant end : windowEnds) {
      engagedAt.put(
          end,
          (int)
              Math.min(
                  Integer.MAX_VALUE,
                  truth
                      .summary(workspaceId, end, SpraySettings.DEFAULTS.window())
                      .engagedAudience()));
    }
    for (Channel c : channels) {
      // The engaged audience is measured per workspace: every channel sees the same points.
      for (Instant end : windowEnds) {
        audience.add(new AudiencePoint(key.apply(c.id()), end.minusSeconds(1), engagedAt.get(end)));
      }
    }
    for (Channel c : channels) {
      List<PublishedPost> own = byChannel.getOrDefault(c.id(), List.of());
      var consistency =
          c.postsPerWeek() == null || c.postsPerWeek() < 1
              ? null
              : Consistency.of(
                  new PostingPlan(key.apply(c.id()), c.postsPerWeek(), List.of()),
                  own,
                  scheduled.getOrDefault(c.id(), List.of()),
                  LocalDate.ofInstant(from, w.timeZone()),
                  clock,
                  settings);
      var spray =
          SprayAndPray.check(key.apply(c.id()), all, audience, clock, SpraySettings.DEFAULTS);
      out.add(
          new ChannelStanding(
              c.id(), c.platform().code(), c.handle(), c.postsPerWeek(), consistency, spray));
    }
    return out;
  }

  private static List<Instant> windowEnds(Instant now) {
    List<Instant> ends = new ArrayList<>();
    for (int i = SpraySettings.DEFAULTS.windows() - 1; i >= 0; i--) {
      ends.add(now.minus(SpraySettings.DEFAULTS.window().multipliedBy(i)));
    }
    return ends;
  }

  private static Platform platform(String code) {
    try {
      return Platform.parse(code);
    } catch (IllegalArgumentException e) {
      return Platform.MASTODON;
    }
  }

  private Map<Long, String> bodies(long workspaceId, List<PostTruth> published) {
    long[] postIds = published.stream().mapToLong(PostTruth::postId).distinct().toArray();
    Map<Long, String> out = new HashMap<>();
    for (Variant v : posts.variantsOf(workspaceId, postIds)) {
      out.put(v.id(), v.body());
    }
    return out;
  }

  private Map<Long, List<ScheduledPost>> scheduled(
      long workspaceId, Instant now, java.util.function.LongFunction<String> key) {
    Map<Long, List<ScheduledPost>> out = new HashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT channel_id, scheduled_at FROM post_variant WHERE workspace_id = ?"
                            + " AND state = 'scheduled' AND scheduled_at >= ?")
                    .bind(0, workspaceId)
                    .bind(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .map(
                        (rs, ctx) -> {
                          long channel = rs.getLong(1);
                          Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                          out.computeIfAbsent(channel, k -> new ArrayList<>())
                              .add(new ScheduledPost(key.apply(channel), at));
                          return channel;
                        })
                    .list());
    return out;
  }
}
