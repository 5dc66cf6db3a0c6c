package dev.rapport.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Free-text notes and tags on persons. Thread-safe. */
public interface Notes {

  /** Tags are short words: letters, digits, '-', '_' and spaces, at most this long. */
  int MAX_TAG_LENGTH = 64;

  /** A note holds at most this many characters. */
  int MAX_NOTE_LENGTH = 4000;

  /**
   * Adds a note to a live person.
   *
   * @param authorId the user who wrote it, who may later correct or delete it; null when no user
   *     did (the command line), and then only managers may
   * @param author the name shown beside the note
   */
  Note add(long workspaceId, long personId, Long authorId, String author, String body, Instant at);

  /**
   * Adds a note no user account wrote (see {@link #add(long, long, Long, String, String,
   * Instant)}).
   */
  default Note add(long workspaceId, long personId, String author, String body, Instant at) {
    return add(workspaceId, personId, null, author, body, at);
  }

  /** The person's notes, newest first. */
  List<Note> of(long workspaceId, long personId);

  /** One note of the workspace; empty when there is none with this id there. */
  Optional<Note> note(long workspaceId, long noteId);

  /**
   * Replaces a note's text. The note keeps when it was written and records when it was edited, so
   * the timeline keeps its place and says it changed. Empty when there is no such note.
   */
  Optional<Note> edit(long workspaceId, long noteId, String body, Instant at);

  /** Deletes a note for good; returns false when there was no such note. */
  boolean delete(long workspaceId, long noteId);

  /** Tags the person; returns false when it already carried the tag. */
  boolean tag(long workspaceId, long personId, String tag, Instant at);

  /** Removes a tag; returns false when the person did not carry it. */
  boolean untag(long workspaceId, long personId, String tag);

  /** The person's tags, alphabetically. */
  List<String> tags(long workspaceId, long personId);

  /** Persons carrying a tag, lowest id first. */
  List<Long> tagged(long workspaceId, String tag, int limit);

  /**
   * One note.
   *
   * @param authorId the user who wrote it, or null (see {@link #add})
   * @param at when it was written
   * @param editedAt when its text was last corrected, or null if never
   */
  record Note(
      long id,
      long personId,
      Long authorId,
      String author,
      String body,
      Instant at,
      Instant editedAt) {

    /** Its author may correct or delete a note, and so may whoever manages the workspace. */
    public boolean changeableBy(long userId, boolean manager) {
      return manager || (authorId != null && authorId == userId);
    }
  }

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
