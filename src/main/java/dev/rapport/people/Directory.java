package dev.rapport.people;

import dev.rapport.authenticity.Category;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Every live person of a workspace, streamed in id order for exports. Thread-safe. */
public interface Directory {

  void each(long workspaceId, Consumer<Entry> sink);

  /**
   * One person with its identities ("platform:handle") and tags.
   *
   * @param identities e.g. ["bluesky:ann.test", "mastodon:ann@example.social"]
   */
  record Entry(
      long personId,
      String displayName,
      String email,
      Stage stage,
      List<String> identities,
      List<String> tags) {}

  /**
   * One page of the live persons matching {@code filter}, most recently engaged first (never
   * engaged last, then by id), with the number of matches.
   */
  Page find(long workspaceId, Filter filter, int offset, int limit);

  /**
   * Which persons to list; a null field does not filter.
   *
   * @param verdict has an identity with this verdict (on {@code platform}, when both are set)
   * @param platform has an identity on this platform
   * @param tag carries this tag (stored form, see {@link Notes#normalTag})
   * @param engagedSince last engaged at or after this moment
   * @param quietSince not engaged since this moment (never engaged included)
   * @param neverEngaged true: only persons who never engaged
   */
  record Filter(
      Stage stage,
      Category verdict,
      Platform platform,
      String tag,
      Instant engagedSince,
      Instant quietSince,
      boolean neverEngaged) {

    public static final Filter NONE = new Filter(null, null, null, null, null, null, false);
  }

  /** A person as the list shows it: identities (with verdicts), tags and the last engagement. */
  record Listed(
      Person person,
      List<Identity> identities,
      List<String> tags,
      Instant lastEngagedAt,
      long engagements) {}

  /** A page of persons and how many match in all. */
  record Page(List<Listed> people, long total) {}
}
