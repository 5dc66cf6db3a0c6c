package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportImporter;
import dev.rapport.imports.ExportLimits;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.imports.ExportProblem;
import dev.rapport.reliability.FuzzTries;
import dev.rapport.reliability.Hostile;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile platform exports: one file of each fixture export damaged at random, shipped as a folder
 * or a zip, under tight or default size limits; zips with crafted entry names (traversal, absolute
 * paths, drive letters, backslashes). Each either imports or is refused with problems naming the
 * file, and a refusal writes nothing: no post, identity, event or channel.
 */
@AddLifecycleHook(FuzzTries.class)
class ExportFuzzTest {

  static final Map<ExportFormat, String> FIXTURES =
      Map.of(
          ExportFormat.X_ARCHIVE, "x",
          ExportFormat.MASTODON_EXPORT, "mastodon",
          ExportFormat.INSTAGRAM_EXPORT, "instagram",
          ExportFormat.LINKEDIN_EXPORT, "linkedin");

  static final AtomicInteger RUNS = new AtomicInteger();
  static Rapport rapport;
  static Path root;

  static synchronized Rapport rapport() throws IOException {
    if (rapport == null) {
      rapport = Rapport.on(TestDatabases.h2(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
      root = Files.createTempDirectory("export-fuzz");
    }
    return rapport;
  }

  @AfterContainer
  static synchronized void close() throws IOException {
    if (rapport != null) {
      rapport.close();
      rapport = null;
      delete(root);
    }
  }

  @Provide
  Arbitrary<ExportFormat> format() {
    return Arbitraries.of(ExportFormat.values());
  }

  @Provide
  Arbitrary<List<Hostile.Mutation>> damages() {
    return Hostile.damages();
  }

  @Property(tries = 200)
  void damagedExportsImportOrAreRefusedWithoutWriting(
      @ForAll("format") ExportFormat format,
      @ForAll("format") ExportFormat fixtureOf,
      @ForAll @IntRange(min = 0, max = 20) int fileIndex,
      @ForAll("damages") List<Hostile.Mutation> damages,
      @ForAll boolean zipped,
      @ForAll boolean tightLimits)
      throws IOException {
    Rapport r = rapport();
    Path run = Files.createDirectories(root.resolve("run" + RUNS.incrementAndGet()));
    Path export = Fixtures.copy(FIXTURES.get(fixtureOf), run);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(export)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Path victim = files.get(fileIndex % files.size());
    Files.write(victim, Hostile.applyAll(Files.readAllBytes(victim), damages));
    Path source = zipped ? Fixtures.zip(export, run.resolve("export.zip")) : export;
    ExportLimits limits = tightLimits ? new ExportLimits(4_096, 16_384, 8) : ExportLimits.DEFAULT;
    try {
      importOrRefuse(r, format, source, limits);
    } finally {
      delete(run);
    }
  }

  @Provide
  Arbitrary<String> entryName() {
    Arbitrary<String> part =
        Arbitraries.of(
            "..",
            ".",
            "",
            "data",
            "tweets.js",
            "outbox.json",
            "C:",
            "c:\\",
            "\\..",
            "..\\..",
            "%2e%2e",
            "~",
            "etc",
            "passwd",
            "Shares.csv",
            " ",
            "...");
    return part.list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .flatMap(
            parts -> Arbitraries.of("", "/", "\\").map(lead -> lead + String.join("/", parts)));
  }

  @Property(tries = 200)
  void craftedZipEntryNamesNeverEscape(
      @ForAll("format") ExportFormat format, @ForAll("entryName") String name) throws IOException {
    Rapport r = rapport();
    Path run = Files.createDirectories(root.resolve("run" + RUNS.incrementAndGet()));
    Path zip = run.resolve("crafted.zip");
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      out.putNextEntry(new ZipEntry("outbox.json"));
      out.write("{\"orderedItems\":[]}".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry(name.isEmpty() ? "x" : name));
      out.write("window.YTD.tweets.part0 = []".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (java.util.zip.ZipException duplicate) {
      delete(run);
      return;
    }
    try {
      ExportOutcome out = importOrRefuse(r, format, zip, ExportLimits.DEFAULT);
      if (escapes(name)) {
        assertThat(out)
            .as("an escaping entry refuses the export")
            .isInstanceOf(ExportOutcome.Rejected.class);
        assertThat(((ExportOutcome.Rejected) out).problems().get(0).reason())
            .startsWith("unsafe path in the zip");
      }
      try (Stream<Path> left = Files.list(run)) {
        assertThat(left.toList()).as("nothing extracted").containsExactly(zip);
      }
    } finally {
      delete(run);
    }
  }

  /** Whether an entry name, read as a path, would leave the folder it is extracted into. */
  static boolean escapes(String name) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return true;
    }
    int depth = 0;
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  record Stored(long posts, long identities, long events, long channels) {}

  static ExportOutcome importOrRefuse(
      Rapport r, ExportFormat format, Path source, ExportLimits limits) {
    int n = RUNS.incrementAndGet();
    Workspace ws =
        r.workspaces().create("exp" + n, "Export " + n, ZoneId.of("UTC"), TargetAudience.NONE);
    ExportImporter importer =
        new ExportImporter(
            r.database(),
            r.workspaces(),
            r.people(),
            r.posts(),
            r.ledger(),
            limits,
            ZoneOffset.UTC);
    Stored before = stored(r, ws.id());
    ExportOutcome out = importer.importExport(ws.id(), format, source, null, null);
    if (out instanceof ExportOutcome.Rejected j) {
      assertThat(j.problems()).as("a refusal says why").isNotEmpty();
      for (ExportProblem p : j.problems()) {
        assertThat(p.line()).as("located: " + p).isNotNegative();
        assertThat(p.reason()).as("explained: " + p).isNotBlank();
      }
      assertThat(stored(r, ws.id())).as("nothing written by a refusal").isEqualTo(before);
    }
    return out;
  }

  static Stored stored(Rapport r, long ws) {
    return new Stored(
        r.posts().count(ws),
        r.people().countIdentities(ws),
        r.ledger().count(ws),
        r.workspaces().channels(ws).size());
  }

  static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
