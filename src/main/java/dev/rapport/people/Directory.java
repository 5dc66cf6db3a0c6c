package dev.rapport.people;

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
}
