package dev.rapport.engagement.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.engagement.Cohort;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.RetentionFormulas;
import dev.rapport.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Retention and the quality series in SQL: one pass over the week rollup of authentic identities,
 * one over the follows, one over the post rollup of the period. Thread-safe.
 */
public final class SqlRetention implements Retention {

  private final Database db;

  public SqlRetention(Database db) {
    this.db = db;
  }

  @Override
  public List<Cohort> cohorts(long workspaceId, Instant asOf) {
    LocalDate lastWeek = SqlLedger.weekOf(asOf);
    Map<Long, BitSet> months = new HashMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT i.person_id, w.week_start FROM identity_week w JOIN identity i ON"
                            + " i.id = w.identity_id WHERE w.workspace_id = ? AND w.week_start <= ?"
                            + " AND i.verdict IN "
                            + SqlTruth.AUTHENTIC)
                    .bind(0, workspaceId)
                    .bind(1, lastWeek)
                    .setFetchSize(10_000)
                    .map(
                        (rs, ctx) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
                    .forEach(
                        r ->
                            months
                                .computeIfAbsent((Long) r[0], k -> new BitSet())
                                .set(RetentionFormulas.index(YearMonth.from((LocalDate) r[1])))));
    return RetentionFormulas.cohorts(months.values(), YearMonth.from(lastWeek), OFFSETS);
  }

  @Override
  public List<QualityPoint> quality(
      long workspaceId, Instant from, Instant to, Period step, Duration window) {
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("the step of a series must be positive");
    }
    List<Instant> points = new ArrayList<>();
    for (OffsetDateTime t = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        !t.toInstant().isAfter(to);
        t = t.plus(step)) {
      points.add(t.toInstant());
    }
    return db.jdbi()
        .withHandle(
            h -> {
              long[][] follows = follows(h, workspaceId);
              long[] engaged = engaged(h, workspaceId, points, window);
              long[][] posts = posts(h, workspaceId, points, window);
              List<QualityPoint> out = new ArrayList<>();
              for (int i = 0; i < points.size(); i++) {
                long t = points.get(i).getEpochSecond();
                out.add(
                    new QualityPoint(
                        points.get(i),
                        atOrBefore(follows[0], t),
                        atOrBefore(follows[1], t),
                        engaged[i],
                        posts[i][0],
                        posts[i][1]));
              }
              return out;
            });
  }

  /** First-follow times (epoch seconds, sorted) of all current followers and of authentic ones. */
  private static long[][] follows(Handle h, long workspaceId) {
    List<long[]> rows =
        h.createQuery(
                "SELECT f.identity_id, MIN(f.followed_at), i.verdict FROM follow f JOIN identity i"
                    + " ON i.id = f.identity_id WHERE f.workspace_id = ? AND f.unfollowed_at IS"
                    + " NULL GROUP BY f.identity_id, i.verdict")
            .bind(0, workspaceId)
            .map(
                (rs, ctx) -> {
                  OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                  // A follow of unknown date counts as always there.
                  long t = at == null ? Long.MIN_VALUE : at.toEpochSecond();
                  boolean authentic = Category.fromCode(rs.getString(3)).authentic();
                  return new long[] {t, authentic ? 1 : 0};
                })
            .list();
    long[] all = rows.stream().mapToLong(r -> r[0]).sorted().toArray();
    long[] authentic = rows.stream().filter(r -> r[1] == 1).mapToLong(r -> r[0]).sorted().toArray();
    return new long[][] {all, authentic};
  }

  private static long atOrBefore(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < sorted.length && sorted[i + 1] == t) {
      i++;
    }
    return i + 1;
  }

  /** Per point: authentic persons with an interaction week in [week(t − window), week(t)]. */
  private static long[] engaged(Handle h, long workspaceId, List<Instant> points, Duration window) {
    long[] counts = new long[points.size()];
    if (points.isEmpty()) {
      return counts;
    }
    LocalDate[] lo = new LocalDate[points.size()];
    LocalDate[] hi = new LocalDate[points.size()];
    for (int i = 0; i < points.size(); i++) {
      lo[i] = SqlLedger.weekOf(points.get(i).minus(window));
      hi[i] = SqlLedger.weekOf(points.get(i));
    }
    Map<Long, BitSet> covered = new HashMap<>();
    h.createQuery(
            "SELECT i.person_id, w.week_start FROM identity_week w JOIN identity i ON i.id ="
                + " w.identity_id WHERE w.workspace_id = ? AND w.week_start >= ? AND w.week_start"
                + " <= ? AND i.verdict IN "
                + SqlTruth.AUTHENTIC)
        .bind(0, workspaceId)
        .bind(1, lo[0])
        .bind(2, hi[points.size() - 1])
        .setFetchSize(10_000)
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
        .forEach(
            r -> {
              LocalDate week = (LocalDate) r[1];
              BitSet b = covered.computeIfAbsent((Long) r[0], k -> new BitSet(points.size()));
              for (int i = 0; i < points.size(); i++) {
                if (!week.isBefore(lo[i]) && !week.isAfter(hi[i])) {
                  b.set(i);
                }
              }
            });
    for (BitSet b : covered.values()) {
      for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
        counts[i]++;
      }
    }
    return counts;
  }

  /** Per point: {interactions, bot interactions} on posts published in (t − window, t]. */
  private static long[][] posts(Handle h, long workspaceId, List<Instant> points, Duration window) {
    long[][] out = new long[points.size()][2];
    if (points.isEmpty()) {
      return out;
    }
    h.createQuery(
            "SELECT v.published_at, r.verdict, r.kind, r.n FROM variant_rollup r JOIN"
                + " post_variant v ON v.id = r.variant_id WHERE r.workspace_id = ? AND"
                + " v.published_at > ? AND v.published_at <= ?")
        .bind(0, workspaceId)
        .bind(1, OffsetDateTime.ofInstant(points.get(0).minus(window), ZoneOffset.UTC))
        .bind(2, OffsetDateTime.ofInstant(points.get(points.size() - 1), ZoneOffset.UTC))
        .map(
            (rs, ctx) -> {
              if (!EngagementKind.fromCode(rs.getString(3)).interaction()) {
                return 0;
              }
              Instant published = rs.getObject(1, OffsetDateTime.class).toInstant();
              Category verdict = Category.fromCode(rs.getString(2));
              boolean bot = verdict == Category.SUSPICIOUS || verdict == Category.SELF_DECLARED_BOT;
              long n = rs.getLong(4);
              for (int i = 0; i < points.size(); i++) {
                Instant t = points.get(i);
                if (published.isAfter(t.minus(window)) && !published.isAfter(t)) {
                  out[i][0] += n;
                  if (bot) {
                    out[i][1] += n;
                  }
                }
              }
              return 0;
            })
        .list();
    return out;
  }
}
