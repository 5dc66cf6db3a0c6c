package dev.rapport.engagement.internal;

import dev.rapport.engagement.Attribution;
import dev.rapport.engagement.PersonRevenue;
import dev.rapport.engagement.PostRevenue;
import dev.rapport.engagement.Revenue;
import dev.rapport.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Revenue from the conversions table; post attribution reads each buyer's own engagements in the
 * lookback window (index on identity and time), so the cost grows with purchases, not with the
 * ledger. Thread-safe.
 */
public final class SqlRevenue implements Revenue {

  private final Jdbi jdbi;

  public SqlRevenue(Database db) {
    this.jdbi = db.jdbi();
  }

  private record Purchase(
      long id, Instant at, long cents, String currency, Long personId, Long linkPost) {}

  @Override
  public List<PostRevenue> byPost(
      long workspaceId, Instant from, Instant to, Attribution.Model model, Duration lookback) {
    return jdbi.withHandle(
        h -> {
          List<Purchase> purchases =
              h.createQuery(
                      "SELECT c.id, c.occurred_at, c.amount_cents, c.currency, c.person_id,"
                          + " l.post_id FROM conversion c LEFT JOIN tracked_link l ON l.id ="
                          + " c.link_id WHERE c.workspace_id = ? AND c.occurred_at >= ? AND"
                          + " c.occurred_at < ?")
                  .bind(0, workspaceId)
                  .bind(1, ts(from))
                  .bind(2, ts(to))
                  .map(
                      (rs, ctx) ->
                          new Purchase(
                              rs.getLong(1),
                              rs.getObject(2, OffsetDateTime.class).toInstant(),
                              rs.getLong(3),
                              rs.getString(4),
                              (Long) rs.getObject(5, Long.class),
                              (Long) rs.getObject(6, Long.class)))
                  .list();
          Map<String, double[]> credited = new HashMap<>();
          for (Purchase p : purchases) {
            List<Attribution.Touch> touches =
                p.personId() == null || p.linkPost() != null
                    ? List.of()
                    : h.createQuery(
                            "SELECT v.post_id, e.occurred_at FROM engagement e JOIN identity i ON"
                                + " i.id = e.identity_id JOIN post_variant v ON v.id ="
                                + " e.variant_id WHERE i.person_id = ? AND e.workspace_id = ? AND"
                                + " e.occurred_at >= ? AND e.occurred_at <= ?")
                        .bind(0, p.personId())
                        .bind(1, workspaceId)
                        .bind(2, ts(p.at().minus(lookback)))
                        .bind(3, ts(p.at()))
                        .map(
                            (rs, ctx) ->
                                new Attribution.Touch(
                                    rs.getLong(1),
                                    rs.getObject(2, OffsetDateTime.class).toInstant()))
                        .list();
            for (Attribution.Credit c :
                Attribution.credit(model, touches, p.linkPost(), p.at(), lookback)) {
              double[] sum =
                  credited.computeIfAbsent(c.postId() + "|" + p.currency(), k -> new double[2]);
              sum[0] += c.share();
              sum[1] += c.share() * p.cents();
            }
          }
          List<PostRevenue> out = new ArrayList<>();
          for (var e : credited.entrySet()) {
            String[] k = e.getKey().split("\\|");
            long postId = Long.parseLong(k[0]);
            String body =
                h.createQuery("SELECT body FROM post WHERE id = ? AND workspace_id = ?")
                    .bind(0, postId)
                    .bind(1, workspaceId)
                    .mapTo(String.class)
                    .findOne()
                    .orElse("");
            String excerpt = body.length() > 80 ? body.substring(0, 79) + "…" : body;
            out.add(new PostRevenue(postId, excerpt, k[1], e.getValue()[0], e.getValue()[1]));
          }
          out.sort(Comparator.comparingDouble(PostRevenue::amountCents).reversed());
          return out;
        });
  }

  @Override
  public List<PersonRevenue> byPerson(long workspaceId, Instant from, Instant to, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT p.id, p.display_name, c.currency, COUNT(*), SUM(c.amount_cents) FROM"
                        + " conversion c JOIN person p ON p.id = c.person_id WHERE c.workspace_id"
                        + " = ? AND c.occurred_at >= ? AND c.occurred_at < ? GROUP BY p.id,"
                        + " p.display_name, c.currency ORDER BY SUM(c.amount_cents) DESC, p.id"
                        + " FETCH FIRST ? ROWS ONLY")
                .bind(0, workspaceId)
                .bind(1, ts(from))
                .bind(2, ts(to))
                .bind(3, limit)
                .map(
                    (rs, ctx) ->
                        new PersonRevenue(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5)))
                .list());
  }

  private static OffsetDateTime ts(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
