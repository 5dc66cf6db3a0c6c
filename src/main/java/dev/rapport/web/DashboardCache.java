package dev.rapport.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.engagement.WeekTruth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's figures per workspace, computed at most about once a minute and refreshed in the
 * background while the previous figures are served. On an audience of a million people the truth
 * queries take hundreds of milliseconds; a page that many people reload must not pay that each
 * time. The page says when its figures were computed. Thread-safe.
 */
final class DashboardCache {

  /** After this, the next read starts a background refresh and still answers at once. */
  static final Duration REFRESH = Duration.ofMinutes(1);

  /** Figures older than this are never shown: the read waits for fresh ones. */
  static final Duration EXPIRE = Duration.ofMinutes(15);

  static final int CHART_WEEKS = 52;
  static final int LATEST_POSTS = 10;

  /** Everything the dashboard shows that is costly to compute, as of one moment. */
  record Figures(
      Instant asOf,
      TruthSummary summary,
      List<WeekTruth> weeks,
      List<PostTruth> posts,
      List<QualityPoint> quality,
      List<ConsistencyOverview.ChannelStanding> standings) {

    Figures {
      weeks = List.copyOf(weeks);
      posts = List.copyOf(posts);
      quality = List.copyOf(quality);
      standings = List.copyOf(standings);
    }
  }

  /**
   * Background refreshes run here, not on Caffeine's default (the common fork-join pool, one thread
   * on a two-core machine): a refresh waits on the database for up to seconds, and must neither
   * queue behind nor hold up other work on that pool. Threads go away when idle.
   */
  private static Executor refreshers() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "dashboard-refresh");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private final LoadingCache<Long, Figures> cache;

  DashboardCache(Truth truth, Retention retention, ConsistencyOverview consistency, Clock clock) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(1_000)
            .refreshAfterWrite(REFRESH)
            .expireAfterWrite(EXPIRE)
            .ticker(ticker(clock))
            .executor(refreshers())
            .build(workspaceId -> compute(truth, retention, consistency, clock, workspaceId));
  }

  Figures of(long workspaceId) {
    return cache.get(workspaceId);
  }

  /** Drops a workspace's figures so that the next read computes them afresh. */
  void forget(long workspaceId) {
    cache.invalidate(workspaceId);
  }

  private static Figures compute(
      Truth truth,
      Retention retention,
      ConsistencyOverview consistency,
      Clock clock,
      long workspaceId) {
    // Whole seconds: the same moment for every figure, and a stable "as of" on the page.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant yearAgo = now.minus(CHART_WEEKS * 7L, ChronoUnit.DAYS);
    return new Figures(
        now,
        truth.summary(workspaceId, now, Truth.DEFAULT_WINDOW),
        truth.weeks(workspaceId, yearAgo, now),
        truth.posts(workspaceId, yearAgo, now, LATEST_POSTS),
        retention.quality(workspaceId, yearAgo, now, Period.ofMonths(1), Truth.DEFAULT_WINDOW),
        consistency.of(workspaceId));
  }

  /** Caffeine's notion of time follows the injected clock, so tests can move it. */
  private static Ticker ticker(Clock clock) {
    Instant origin = clock.instant();
    return () -> {
      Duration d = Duration.between(origin, clock.instant());
      return d.isNegative() ? 0 : d.toNanos();
    };
  }
}
