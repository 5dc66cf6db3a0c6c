package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.time.Instant;

/**
 * Where an engagement read stands, as the opaque cursor Rapport stores between pages and runs. A
 * run reads notifications newest first down to {@code since}, then each recent post's likes,
 * reposts, quotes and thread; at its end {@code since} moves to the newest event seen.
 *
 * @param since events indexed before this (less an overlap) were read by an earlier run
 * @param newest the newest event seen in this run so far
 * @param phase {@code n} notifications, {@code p} per-post reads
 * @param page the platform's cursor within the current list
 * @param post index into the recent posts
 * @param step which list of that post: 0 likes, 1 reposts, 2 quotes, 3 thread
 * @param pages pages read of the current list (a bound for lists without times)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadPosition(
    String since, String newest, String phase, String page, int post, int step, int pages) {

  Instant sinceTime() {
    return since == null ? null : Instant.parse(since);
  }

  Instant newestTime() {
    return newest == null ? null : Instant.parse(newest);
  }

  static ReadPosition start(Instant since) {
    return new ReadPosition(since == null ? null : since.toString(), null, "n", null, 0, 0, 0);
  }

  static ReadPosition parse(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return start(null);
    }
    try {
      ReadPosition p = Xrpc.JSON.readValue(cursor, ReadPosition.class);
      return p.phase() == null ? start(p.sinceTime()) : p;
    } catch (IOException | java.time.format.DateTimeParseException e) {
      // A cursor from an older format: start over; the ledger skips what it already has.
      return start(null);
    }
  }

  String write() {
    try {
      return Xrpc.JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ReadPosition seen(Instant at) {
    if (at == null || (newest != null && !at.isAfter(newestTime()))) {
      return this;
    }
    return new ReadPosition(since, at.toString(), phase, page, post, step, pages);
  }

  ReadPosition nextPage(String cursor) {
    return new ReadPosition(since, newest, phase, cursor, post, step, pages + 1);
  }

  ReadPosition nextList() {
    if (phase.equals("n")) {
      return new ReadPosition(since, newest, "p", null, 0, 0, 0);
    }
    return step >= 3
        ? new ReadPosition(since, newest, "p", null, post + 1, 0, 0)
        : new ReadPosition(since, newest, "p", null, post, step + 1, 0);
  }

  /** The position the next run starts from. */
  ReadPosition finished() {
    Instant n = newestTime();
    Instant s = sinceTime();
    return start(n == null ? s : (s == null || n.isAfter(s) ? n : s));
  }
}
