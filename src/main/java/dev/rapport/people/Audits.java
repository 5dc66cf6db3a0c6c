package dev.rapport.people;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The identities whose current verdict is one of {@code categories} (on {@code platform} when not
   * null), the scorer's most confident first, with the verdict's reasons; and how many match.
   */
  FlaggedPage flagged(
      long workspaceId, Set<Category> categories, Platform platform, int offset, int limit);

  /**
   * One identity of the workspace with its current verdict (category {@code unknown}, probability 0
   * and no reasons when it has none yet); empty when the workspace has no such identity.
   */
  java.util.Optional<FlaggedIdentity> account(long workspaceId, long identityId);

  /**
   * How often each reason (numbers and names taken out, as in an audit report) was given for the
   * current verdicts in {@code categories}, most frequent first.
   */
  List<AuditReport.ReasonCount> reasons(long workspaceId, Set<Category> categories, int limit);

  /** One identity of the current audience with its current verdict. */
  record FlaggedIdentity(
      long identityId,
      long personId,
      Platform platform,
      String platformUserId,
      String handle,
      String displayName,
      Category category,
      double probability,
      List<String> reasons,
      Instant decidedAt) {

    public FlaggedIdentity {
      reasons = List.copyOf(reasons);
    }
  }

  /** A page of flagged identities and how many match in all. */
  record FlaggedPage(List<FlaggedIdentity> identities, long total) {}
}
