package dev.rapport.web;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Auditor;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.TargetAudience;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.Audits;
import dev.rapport.workspace.Workspace;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Runs an audience audit on an uploaded follower file, as {@code rapport audit -w W --channel C}
 * does, for the audience page and the API. Nothing is half-stored: the verdicts are kept in memory
 * until the whole file has been read and scored, and only then written (so a file that stops at a
 * bad record leaves the workspace as it was). Hence the size limit, and one audit at a time per
 * server (scoring uses the cores the pages need). Thread-safe.
 */
final class AudienceAudit {

  /** The largest follower file accepted (about 30,000 Twitter user objects). */
  static final long MAX_BYTES = 16L << 20;

  /** A bound on {@code maxErrors}, so that a typo cannot make a file of nothing but errors pass. */
  static final long MAX_ERRORS = 100_000;

  private static final int THREADS =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  private final Audits audits;
  private final Clock clock;
  private final Semaphore oneAtATime = new Semaphore(1);
  private volatile ModelScorer scorer;

  AudienceAudit(Audits audits, Clock clock) {
    this.audits = audits;
    this.clock = clock;
  }

  /**
   * What an audit produced.
   *
   * @param auditId the stored audit's id
   * @param skipped the bad records skipped (up to the reader's kept details)
   */
  record Outcome(long auditId, AuditReport report, List<String> skipped) {}

  /**
   * @param fileName the uploaded file's name: its extension tells the format (.json, .jsonl,
   *     .ndjson, .csv; otherwise the first bytes do)
   * @param channelId the channel these accounts follow, already checked to be the workspace's, or
   *     null
   */
  Outcome run(Workspace ws, Long channelId, InputStream body, String fileName, long maxErrors) {
    if (maxErrors < 0 || maxErrors > MAX_ERRORS) {
      throw Invalid.field(
          "maxErrors", "'maxErrors' must be a whole number from 0 to " + MAX_ERRORS + ".");
    }
    if (!oneAtATime.tryAcquire()) {
      throw new HttpResponseException(
          503, "Another audit is running on this server; try again in a minute.");
    }
    String name = displayName(fileName);
    Path file = null;
    try {
      file = Files.createTempFile("rapport-audit-", extension(name));
      copy(body, file);
      if (Files.size(file) == 0) {
        throw Invalid.field("file", "The follower file is empty.");
      }
      return audit(ws, channelId, file, name, maxErrors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      oneAtATime.release();
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // the temporary directory is cleaned by the system; nothing else to do
        }
      }
    }
  }

  private Outcome audit(Workspace ws, Long channelId, Path file, String name, long maxErrors) {
    Instant now = clock.instant();
    ModelScorer model = scorer();
    Auditor auditor =
        new Auditor(
            model,
            THREADS,
            new ReadOptions(maxErrors, now),
            new TargetAudience(
                ws.audience().topics(), ws.audience().languages(), ws.audience().places()),
            now,
            true);
    Queue<Scored> scored = new ConcurrentLinkedQueue<>();
    AuditSink collect =
        new AuditSink() {
          @Override
          public void verdict(ProfileSnapshot profile, Verdict verdict) {
            scored.add(new Scored(profile, verdict));
          }

          @Override
          public void completed(AuditReport report) {}
        };
    Auditor.Outcome outcome;
    try {
      outcome = auditor.run(List.of(file), collect, bytes -> {});
    } catch (MalformedProfileException e) {
      String where = e.getMessage().replace(file.getFileName().toString(), name);
      throw new Invalid(
          "Nothing was stored: the audit stopped at "
              + where
              + (maxErrors == 0
                  ? ". Fix the record, or allow some bad records to be skipped."
                  : ". More than " + maxErrors + " bad records."),
          List.of(
              new Invalid.Field(
                  e.field() == null ? "file" : e.field(),
                  line(e.record()),
                  e.getMessage().replace(file.getFileName().toString(), name))));
    }
    AuditReport report = outcome.audit().report(name, model.source(), outcome.badRecords(), null);
    AuditSink store = audits.start(ws.id(), channelId);
    for (Scored s : scored) {
      store.verdict(s.profile(), s.verdict());
    }
    store.completed(report);
    long id =
        audits.history(ws.id(), 1).stream()
            .findFirst()
            .map(Audits.StoredAudit::id)
            .orElseThrow(() -> new IllegalStateException("the audit was not recorded"));
    return new Outcome(id, report, outcome.badRecordDetails());
  }

  private record Scored(ProfileSnapshot profile, Verdict verdict) {}

  private ModelScorer scorer() {
    ModelScorer s = scorer;
    if (s == null) {
      s = ModelScorer.load();
      scorer = s;
    }
    return s;
  }

  private static void copy(InputStream in, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream src = in;
        OutputStream out = Files.newOutputStream(file)) {
      int n;
      while ((n = src.read(buffer)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    }
  }

  static ContentTooLargeResponse tooLarge() {
    return new ContentTooLargeResponse(
        "The follower file is larger than "
            + (MAX_BYTES >> 20)
            + " MiB. Split it into smaller files and audit each, or ask whoever runs the server"
            + " to audit it there, where files of any size are read (rapport audit).");
  }

  /** The name shown in the history: no directories, no control characters, at most 100. */
  static String displayName(String fileName) {
    String n = fileName == null ? "" : fileName;
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    n = n.replaceAll("\\p{Cntrl}", "").strip();
    if (n.length() > 100) {
      n = n.substring(0, 100);
    }
    return n.isEmpty() ? "uploaded file" : n;
  }

  private static String extension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : List.of(".jsonl", ".ndjson", ".json", ".csv")) {
      if (lower.endsWith(ext)) {
        return ext;
      }
    }
    return ".upload";
  }

  /** The line number in a record reference such as "followers.jsonl line 17", or null. */
  private static Long line(String record) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(record);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }
}
