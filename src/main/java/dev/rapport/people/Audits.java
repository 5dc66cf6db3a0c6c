package dev.rapport.people;

import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stored audits: every verdict of an audit becomes the identity's current verdict (with its profile
 * snapshot), followers are recorded against the channel audited, and the audit's report joins the
 * workspace's audit history. Thread-safe.
 */
public interface Audits {

  /**
   * Starts storing an audit. The returned sink may be fed from many threads; it writes in batches
   * on one writer thread and applies back-pressure when the database is slower than the scorer.
   * {@link AuditSink#completed} waits for every verdict to be written, then records the audit.
   *
   * @param channelId the channel whose followers these are (they are recorded as following it), or
   *     null for an audience without a channel (engagers, an imported list)
   */
  AuditSink start(long workspaceId, Long channelId);

  /** The workspace's audits, newest first. */
  List<StoredAudit> history(long workspaceId, int limit);

  /** One finished audit as the history shows it. */
  record StoredAudit(
      long id,
      Long channelId,
      String subject,
      String scorer,
      Instant startedAt,
      Instant finishedAt,
      long profiles,
      long authentic,
      Double qualityScore,
      Map<Category, Long> byCategory) {

    public StoredAudit {
      byCategory = Map.copyOf(byCategory);
    }
  }
}
