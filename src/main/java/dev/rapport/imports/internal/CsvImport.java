package dev.rapport.imports.internal;

import dev.rapport.authenticity.Scorer;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.Ledger;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.workspace.Workspaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Two passes over the file: the first validates every row and writes nothing; the second, run only
 * for a valid file, writes it in batches inside one transaction. Memory stays constant whatever the
 * size of the file.
 */
public final class CsvImport {

  static final int BATCH = 5_000;

  private final Database database;
  private final Workspaces workspaces;
  private final People people;
  private final Posts posts;
  private final Ledger ledger;
  private final Conversions conversions;
  private final Scorer scorer;
  private final Clock clock;
  private final java.time.ZoneId scrapeZone;

  public CsvImport(
      Database database,
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      Conversions conversions,
      Scorer scorer,
      Clock clock,
      java.time.ZoneId scrapeZone) {
    this.scrapeZone = scrapeZone;
    this.database = database;
    this.workspaces = workspaces;
    this.people = people;
    this.posts = posts;
    this.ledger = ledger;
    this.conversions = conversions;
    this.scorer = scorer;
    this.clock = clock;
  }

  public ImportOutcome run(
      long workspaceId, ImportKind kind, Path file, LongConsumer progress, int maxProblems) {
    Problems problems = new Problems(maxProblems);
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      if (looksBinary(file)) {
        problems.add(1, "", "this is not a text CSV file (it contains NUL bytes)");
        return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
      }
      // Pass 1: validate everything, write nothing.
      long rows = scan(workspaceId, kind, file, problems, false, progress).rows();
      if (problems.any()) {
        return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
      }
      // Pass 2: write, all or nothing.
      LongSupplier counter = counter(workspaceId, kind);
      long before = counter.getAsLong();
      // Engagement batches of one workspace are written one at a time: the ledger locks the
      // workspace row anyway, but only after identities and the audience counts were written, so
      // two batches took those locks in opposite orders and deadlocked (or, on H2, both inserted
      // the same new identity). Taking the workspace first gives one order. Only for engagements:
      // other kinds write through capabilities that use their own connections (a Facebook posts
      // file adds channels), which would wait on this lock forever. A conflict with another
      // writer still rolls the batch back whole and runs it again.
      Scan written =
          database.transactionRetrying(
              4,
              c -> {
                if (kind == ImportKind.ENGAGEMENTS) {
                  lockWorkspace(c, workspaceId);
                }
                Problems late = new Problems(maxProblems);
                Scan scan;
                try {
                  scan = scan(workspaceId, kind, file, late, true, progress);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                if (late.any()) {
                  // The data changed between the passes (a channel was removed...): roll back.
                  throw new IllegalStateException(
                      "the file no longer validates: " + late.kept().get(0));
                }
                return scan;
              });
      long created = counter.getAsLong() - before;
      return new ImportOutcome.Imported(
          kind, rows, created, rows - created, written.kind().notes());
    } catch (NoSuchFileException e) {
      problems.add(0, "", "no such file: " + e.getMessage());
      return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
    } catch (UncheckedIOException e) {
      problems.add(0, "", "cannot read the file: " + e.getCause().getMessage());
      return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
    } catch (CharacterCodingException e) {
      problems.add(0, "", "the file is not valid UTF-8 text; save it as UTF-8 and try again");
      return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
    } catch (IOException e) {
      problems.add(0, "", "cannot read the file: " + e.getMessage());
      return new ImportOutcome.Rejected(kind, problems.kept(), problems.total());
    }
  }

  private static void lockWorkspace(java.sql.Connection c, long workspaceId)
      throws java.sql.SQLException {
    try (java.sql.PreparedStatement ps =
        c.prepareStatement("SELECT id FROM workspace WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, workspaceId);
      ps.executeQuery().close();
    }
  }

  /** What one pass over the file saw. */
  private record Scan(long rows, RowKind<?> kind) {}

  /**
   * Reads the file once. Without {@code write} only validates; with it also writes in batches (the
   * caller holds the transaction).
   */
  private Scan scan(
      long workspaceId,
      ImportKind kind,
      Path file,
      Problems problems,
      boolean write,
      LongConsumer progress)
      throws IOException {
    RowKind<?> rowKind = rowKind(workspaceId, kind);
    try (Reader reader = utf8(file);
        CSVParser parser =
            CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get().parse(reader)) {
      var it = parser.iterator();
      if (!it.hasNext()) {
        problems.add(1, "", "the file is empty; the first line must be a header");
        return new Scan(0, rowKind);
      }
      Map<String, Integer> header = header(it.next(), kind, problems);
      if (problems.any()) {
        return new Scan(0, rowKind);
      }
      return new Scan(writeRows(rowKind, it, header, problems, write, progress), rowKind);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException cce) {
        throw cce;
      }
      // commons-csv reports broken quoting this way, with the line in the message.
      problems.add(0, "", "the CSV structure is broken: " + e.getCause().getMessage());
      return new Scan(0, rowKind);
    }
  }

  private static <T> long writeRows(
      RowKind<T> rowKind,
      java.util.Iterator<CSVRecord> it,
      Map<String, Integer> header,
      Problems problems,
      boolean write,
      LongConsumer progress) {
    long rows = 0;
    List<T> batch = new ArrayList<>(BATCH);
    while (it.hasNext()) {
      CSVRecord rec = it.next();
      long line = rec.getParser().getCurrentLineNumber();
      rows++;
      if (rec.size() != header.size()) {
        problems.add(line, "", "has " + rec.size() + " fields, the header has " + header.size());
        continue;
      }
      T item = rowKind.parse(new Row(rec, header, line, problems));
      if (write && item != null) {
        batch.add(item);
        if (batch.size() == BATCH) {
          rowKind.write(batch);
          batch.clear();
        }
      }
      if (progress != null && rows % 1_000 == 0) {
        progress.accept(rows);
      }
    }
    if (write && !batch.isEmpty()) {
      rowKind.write(batch);
    }
    if (progress != null) {
      progress.accept(rows);
    }
    return rows;
  }

  private static Map<String, Integer> header(CSVRecord rec, ImportKind kind, Problems problems) {
    Map<String, Integer> header = new HashMap<>();
    for (int i = 0; i < rec.size(); i++) {
      String name = rec.get(i).trim().toLowerCase(java.util.Locale.ROOT);
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (!kind.knows(name)) {
        problems.add(
            1,
            name,
            "unknown column for "
                + kind.code()
                + " (required: "
                + String.join(", ", kind.required())
                + "; optional: "
                + String.join(", ", kind.optional())
                + ")");
      } else if (header.put(name, i) != null) {
        problems.add(1, name, "appears twice in the header");
      }
    }
    for (String required : kind.required()) {
      if (!header.containsKey(required)) {
        problems.add(1, required, "required column is missing from the header");
      }
    }
    return header;
  }

  private RowKind<?> rowKind(long workspaceId, ImportKind kind) {
    ChannelLookup channels = new ChannelLookup(workspaces.channels(workspaceId));
    Instant now = clock.instant();
    return switch (kind) {
      case PEOPLE -> new PeopleRows(workspaceId, people, channels);
      case PROFILES -> new ProfileRows(workspaceId, people, scorer, channels, now);
      case POSTS -> new PostRows(workspaceId, posts, channels);
      case ENGAGEMENTS -> new EngagementRows(workspaceId, people, posts, ledger, channels);
      case CONVERSIONS -> new ConversionRows(workspaceId, people, conversions);
      case FACEBOOK_POSTS -> new FacebookPostRows(workspaceId, workspaces, posts, scrapeZone);
    };
  }

  private LongSupplier counter(long workspaceId, ImportKind kind) {
    return switch (kind) {
      case PEOPLE, PROFILES -> () -> people.countIdentities(workspaceId);
      case POSTS, FACEBOOK_POSTS -> () -> posts.count(workspaceId);
      case ENGAGEMENTS -> () -> ledger.count(workspaceId);
      case CONVERSIONS -> () -> conversions.count(workspaceId);
    };
  }

  private static boolean looksBinary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(8192);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }

  private static Reader utf8(Path file) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
  }
}
