package dev.rapport.content.quality.internal;

import dev.rapport.content.Posts;
import dev.rapport.content.Variant;
import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.BestTimes;
import dev.rapport.content.quality.BrandLessons;
import dev.rapport.content.quality.PastPost;
import dev.rapport.content.quality.PlannedPost;
import dev.rapport.content.quality.Platform;
import dev.rapport.content.quality.WhatWorked;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.Truth;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the brand's history (published variants, their text, their authentic engagement) and
 * hands it to {@link WhatWorked} and {@link BestTimes}. Two years back at most, newest 20,000
 * variants: enough history to learn from, bounded for large workspaces.
 */
public final class StoredLessons implements BrandLessons {

  static final Duration LOOKBACK = Duration.ofDays(730);
  static final int MAX_POSTS = 20_000;

  private final Workspaces workspaces;
  private final Posts posts;
  private final Truth truth;
  private final Clock clock;

  public StoredLessons(Workspaces workspaces, Posts posts, Truth truth, Clock clock) {
    this.workspaces = workspaces;
    this.posts = posts;
    this.truth = truth;
    this.clock = clock;
  }

  @Override
  public Lessons of(long workspaceId) {
    Workspace w =
        workspaces
            .byId(workspaceId)
            .orElseThrow(() -> new IllegalArgumentException("no workspace " + workspaceId));
    Instant now = clock.instant();
    List<PostTruth> published = truth.posts(workspaceId, now.minus(LOOKBACK), now, MAX_POSTS);
    Map<Long, String> bodies = new HashMap<>();
    long[] postIds = published.stream().mapToLong(PostTruth::postId).distinct().toArray();
    for (Variant v : posts.variantsOf(workspaceId, postIds)) {
      bodies.put(v.id(), v.body());
    }
    List<PastPost> history = new ArrayList<>();
    Map<Long, List<PastPost>> byChannel = new HashMap<>();
    for (PostTruth p : published) {
      PastPost past =
          new PastPost(
              new PlannedPost(
                  bodies.getOrDefault(p.variantId(), p.excerpt()),
                  platform(p.platform()),
                  p.publishedAt().atZone(w.timeZone()),
                  List.of(),
                  ""),
              p.authenticEngagements());
      history.add(past);
      byChannel.computeIfAbsent(p.channelId(), k -> new ArrayList<>()).add(past);
    }
    WhatWorked learned =
        WhatWorked.learn(
            history, new Audience(w.audience().description(), w.audience().topics(), List.of()));
    List<ChannelTimes> times = new ArrayList<>();
    for (Channel c : workspaces.channels(workspaceId)) {
      times.add(
          new ChannelTimes(
              c.id(),
              c.platform().code(),
              c.handle(),
              BestTimes.from(byChannel.getOrDefault(c.id(), List.of()), clock, w.timeZone())));
    }
    return new Lessons(history.size(), learned, times);
  }

  private static Platform platform(String code) {
    try {
      return Platform.parse(code);
    } catch (IllegalArgumentException e) {
      return Platform.MASTODON;
    }
  }
}
