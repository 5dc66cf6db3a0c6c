package dev.rapport.people;

import java.time.Instant;
import java.util.List;

/** Free-text notes and tags on persons. Thread-safe. */
public interface Notes {

  /** Tags are short words: letters, digits, '-', '_' and spaces, at most this long. */
  int MAX_TAG_LENGTH = 64;

  Note add(long workspaceId, long personId, String author, String body, Instant at);

  /** The person's notes, newest first. */
  List<Note> of(long workspaceId, long personId);

  /** Tags the person; returns false when it already carried the tag. */
  boolean tag(long workspaceId, long personId, String tag, Instant at);

  /** Removes a tag; returns false when the person did not carry it. */
  boolean untag(long workspaceId, long personId, String tag);

  /** The person's tags, alphabetically. */
  List<String> tags(long workspaceId, long personId);

  /** Persons carrying a tag, lowest id first. */
  List<Long> tagged(long workspaceId, String tag, int limit);

  /** One note. */
  record Note(long id, long personId, String author, String body, Instant at) {}

  /** The stored form of a tag: trimmed, lower case; rejects anything else than a short word. */
  static String normalTag(String tag) {
    String t = tag == null ? "" : tag.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty() || t.length() > MAX_TAG_LENGTH || !t.matches("[\\p{L}\\p{N}_\\- ]+")) {
      throw new IllegalArgumentException(
          "a tag is 1 to "
              + MAX_TAG_LENGTH
              + " letters, digits, '-', '_' or spaces: '"
              + tag
              + "'");
    }
    return t;
  }
}
