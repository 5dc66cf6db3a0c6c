package dev.rapport.people.internal;

import dev.rapport.people.Timeline;
import dev.rapport.people.TimelineEntry;
import dev.rapport.people.TimelineEntry.Kind;
import dev.rapport.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The timeline in SQL: the newest {@code limit} of each source, merged. Engagements come through
 * the ledger's (identity, time) index, so a page reads at most {@code limit} events per identity.
 * Thread-safe.
 */
public final class SqlTimeline implements Timeline {

  private final Database db;

  public SqlTimeline(Database db) {
    this.db = db;
  }

  @Override
  public List<TimelineEntry> of(long workspaceId, long personId, Instant before, int limit) {
    return db.jdbi()
        .withHandle(
            h -> {
              List<TimelineEntry> all = new ArrayList<>();
              engagements(h, workspaceId, personId, before, limit, all);
              conversions(h, workspaceId, personId, before, limit, all);
              notes(h, workspaceId, personId, before, limit, all);
              actions(h, workspaceId, personId, before, limit, all);
              stages(h, workspaceId, personId, before, limit, all);
              all.sort(
                  Comparator.comparing(TimelineEntry::at)
                      .reversed()
                      .thenComparing(TimelineEntry::kind)
                      .thenComparing(Comparator.comparingLong(TimelineEntry::ref).reversed()));
              return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
            });
  }

  private static void engagements(
      Handle h, long ws, long person, Instant before, int limit, List<TimelineEntry> out) {
    for (long identity :
        h.createQuery("SELECT id FROM identity WHERE workspace_id = ? AND person_id = ?")
            .bind(0, ws)
            .bind(1, person)
            .mapTo(Long.class)
            .list()) {
      h.createQuery(
              // The post, when it is one of this workspace's variants (a ledger row may name a
              // post Rapport never stored, or one since deleted).
              "SELECT e.id, e.occurred_at, e.kind, e.channel_id, e.variant_id, i.platform,"
                  + " i.handle, v.id FROM engagement e JOIN identity i ON i.id = e.identity_id"
                  + " LEFT JOIN post_variant v ON v.id = e.variant_id AND v.workspace_id ="
                  + " e.workspace_id WHERE e.identity_id = ? AND e.occurred_at < ? ORDER BY"
                  + " e.occurred_at DESC FETCH FIRST ? ROWS ONLY")
          .bind(0, identity)
          .bind(1, Sql.ts(before))
          .bind(2, limit)
          .map(
              (rs, ctx) ->
                  new TimelineEntry(
                      Sql.time(rs, 2),
                      Kind.ENGAGEMENT,
                      words(rs.getString(3), rs.getObject(5) != null)
                          + " on "
                          + rs.getString(6)
                          + (rs.getString(7) == null ? "" : " as " + rs.getString(7)),
                      identity,
                      Sql.longOrNull(rs, 4),
                      rs.getLong(1),
                      Sql.longOrNull(rs, 8)))
          .forEach(out::add);
    }
  }

  private static String words(String kind, boolean onPost) {
    String what = onPost ? " your post" : "";
    return switch (kind) {
      case "like" -> "liked" + what;
      case "reply" -> "replied to" + (onPost ? what : " you");
      case "repost" -> "reposted" + what;
      case "quote" -> "quoted" + what;
      case "mention" -> "mentioned you";
      case "click" -> "clicked a link" + (onPost ? " in your post" : "");
      case "purchase" -> "bought";
      case "follow" -> "followed you";
      case "unfollow" -> "unfollowed you";
      default -> kind;
    };
  }

  private static void conversions(
      Handle h, long ws, long person, Instant before, int limit, List<TimelineEntry> out) {
    h.createQuery(
            "SELECT id, occurred_at, order_id, amount_cents, currency FROM conversion WHERE"
                + " workspace_id = ? AND person_id = ? AND occurred_at < ? ORDER BY occurred_at"
                + " DESC FETCH FIRST ? ROWS ONLY")
        .bind(0, ws)
        .bind(1, person)
        .bind(2, Sql.ts(before))
        .bind(3, limit)
        .map(
            (rs, ctx) ->
                new TimelineEntry(
                    Sql.time(rs, 2),
                    Kind.CONVERSION,
                    String.format(
                        Locale.ROOT,
                        "bought (order %s, %d.%02d %s)",
                        rs.getString(3),
                        rs.getLong(4) / 100,
                        rs.getLong(4) % 100,
                        rs.getString(5)),
                    null,
                    null,
                    rs.getLong(1),
                    null))
        .forEach(out::add);
  }

  private static void notes(
      Handle h, long ws, long person, Instant before, int limit, List<TimelineEntry> out) {
    h.createQuery(
            "SELECT id, created_at, author, body, edited_at FROM person_note WHERE workspace_id = ? AND"
                + " person_id = ? AND created_at < ? ORDER BY created_at DESC FETCH FIRST ? ROWS"
                + " ONLY")
        .bind(0, ws)
        .bind(1, person)
        .bind(2, Sql.ts(before))
        .bind(3, limit)
        .map(
            (rs, ctx) ->
                new TimelineEntry(
                    Sql.time(rs, 2),
                    Kind.NOTE,
                    "note"
                        + (rs.getString(3) == null ? "" : " by " + rs.getString(3))
                        + ": "
                        + rs.getString(4),
                    null,
                    null,
                    rs.getLong(1),
                    null,
                    Sql.time(rs, 5)))
        .forEach(out::add);
  }

  private static void actions(
      Handle h, long ws, long person, Instant before, int limit, List<TimelineEntry> out) {
    h.createQuery(
            "SELECT id, acted_at, kind, focus, note, channel_id FROM brand_action WHERE"
                + " workspace_id = ? AND person_id = ? AND acted_at < ? ORDER BY acted_at DESC"
                + " FETCH FIRST ? ROWS ONLY")
        .bind(0, ws)
        .bind(1, person)
        .bind(2, Sql.ts(before))
        .bind(3, limit)
        .map(
            (rs, ctx) ->
                new TimelineEntry(
                    Sql.time(rs, 2),
                    Kind.BRAND_ACTION,
                    "brand action: "
                        + rs.getString(3)
                        + (rs.getString(4) == null
                            ? ""
                            : " (focus: " + rs.getString(4).replace('_', ' ') + ")")
                        + (rs.getString(5) == null ? "" : " — " + rs.getString(5)),
                    null,
                    Sql.longOrNull(rs, 6),
                    rs.getLong(1),
                    null))
        .forEach(out::add);
  }

  private static void stages(
      Handle h, long ws, long person, Instant before, int limit, List<TimelineEntry> out) {
    h.createQuery(
            "SELECT id, changed_at, from_stage, to_stage, reason FROM stage_change WHERE"
                + " workspace_id = ? AND person_id = ? AND changed_at < ? ORDER BY changed_at"
                + " DESC FETCH FIRST ? ROWS ONLY")
        .bind(0, ws)
        .bind(1, person)
        .bind(2, Sql.ts(before))
        .bind(3, limit)
        .map(
            (rs, ctx) ->
                new TimelineEntry(
                    Sql.time(rs, 2),
                    Kind.STAGE_CHANGE,
                    "stage " + rs.getString(3) + " → " + rs.getString(4) + ": " + rs.getString(5),
                    null,
                    null,
                    rs.getLong(1),
                    null))
        .forEach(out::add);
  }
}
