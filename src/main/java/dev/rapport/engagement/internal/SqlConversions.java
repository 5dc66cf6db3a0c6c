package dev.rapport.engagement.internal;

import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.NewConversion;
import dev.rapport.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Conversions in SQL. Thread-safe. */
public final class SqlConversions implements Conversions {

  private final Database db;

  public SqlConversions(Database db) {
    this.db = db;
  }

  @Override
  public int record(long workspaceId, List<NewConversion> conversions) {
    return db.transaction(
        c -> {
          int added = 0;
          try (PreparedStatement exists =
                  c.prepareStatement(
                      "SELECT 1 FROM conversion WHERE workspace_id = ? AND order_id = ?");
              PreparedStatement person =
                  c.prepareStatement("SELECT 1 FROM person WHERE workspace_id = ? AND id = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO conversion (workspace_id, order_id, occurred_at, amount_cents,"
                          + " currency, person_id, link_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement customer =
                  c.prepareStatement(
                      "UPDATE person SET stage = 'customer' WHERE workspace_id = ? AND id = ?")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NewConversion n : conversions) {
              if (!seen.add(n.orderId())) {
                continue;
              }
              exists.setLong(1, workspaceId);
              exists.setString(2, n.orderId());
              try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                  continue;
                }
              }
              if (n.personId() != null) {
                person.setLong(1, workspaceId);
                person.setLong(2, n.personId());
                try (ResultSet rs = person.executeQuery()) {
                  if (!rs.next()) {
                    throw new IllegalArgumentException(
                        "person " + n.personId() + " does not belong to workspace " + workspaceId);
                  }
                }
                customer.setLong(1, workspaceId);
                customer.setLong(2, n.personId());
                customer.addBatch();
              }
              ins.setLong(1, workspaceId);
              ins.setString(2, n.orderId());
              ins.setObject(3, OffsetDateTime.ofInstant(n.occurredAt(), ZoneOffset.UTC));
              ins.setLong(4, n.amountCents());
              ins.setString(5, n.currency());
              if (n.personId() == null) {
                ins.setNull(6, Types.BIGINT);
              } else {
                ins.setLong(6, n.personId());
              }
              if (n.linkId() == null) {
                ins.setNull(7, Types.BIGINT);
              } else {
                ins.setLong(7, n.linkId());
              }
              ins.addBatch();
              added++;
            }
            ins.executeBatch();
            customer.executeBatch();
          }
          return added;
        });
  }

  @Override
  public long count(long workspaceId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM conversion WHERE workspace_id = ?")
                    .bind(0, workspaceId)
                    .mapTo(Long.class)
                    .one());
  }
}
