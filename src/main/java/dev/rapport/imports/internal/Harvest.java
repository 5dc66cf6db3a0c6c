package dev.rapport.imports.internal;

import dev.rapport.content.ReportedCounts;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.people.IdentityKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was read from an export, validated, before anything is written: the account the export
 * belongs to, the brand's published posts, its followers, and what was left out and why.
 */
final class Harvest {

  /**
   * A published post of the brand.
   *
   * @param source a stable id of the post within the platform (tweet id, status URI, media file)
   * @param platformPostId the id the platform's API uses, when the export gives it
   */
  record Post(
      String source,
      String platformPostId,
      String text,
      Instant publishedAt,
      ReportedCounts counts) {}

  /**
   * An account following the brand.
   *
   * @param followedAt when they followed, if the export says (then a follow event is recorded)
   */
  record Follower(IdentityKey key, Instant followedAt) {}

  /** The brand's own account as the export names it; any part may be null. */
  String handle;

  String displayName;
  String accountId;

  final List<Post> posts = new ArrayList<>();
  final List<Follower> followers = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  private final Map<String, Map<String, Long>> skipped = new LinkedHashMap<>();

  void skip(String kind, String reason) {
    skip(kind, reason, 1);
  }

  void skip(String kind, String reason, long n) {
    if (n > 0) {
      skipped.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(reason, n, Long::sum);
    }
  }

  List<ExportOutcome.Skipped> skipped() {
    List<ExportOutcome.Skipped> out = new ArrayList<>();
    skipped.forEach(
        (kind, reasons) ->
            reasons.forEach((reason, n) -> out.add(new ExportOutcome.Skipped(kind, n, reason))));
    return out;
  }

  /** Items the writer will go through, for the progress bar. */
  long size() {
    return posts.size() + followers.size();
  }
}
