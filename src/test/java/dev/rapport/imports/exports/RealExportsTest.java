package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.app.Rapport;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportImporter;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The importers on the real exports in {@code $RAPPORT_DATA_DIR/exports} (CI sets it to the shared
 * data); skipped when it is not set. The figures are what those files hold, counted by hand.
 */
class RealExportsTest {

  Rapport r;
  Workspace ws;
  ExportImporter importer;

  static Path exports() {
    String dir = System.getenv("RAPPORT_DATA_DIR");
    assumeTrue(dir != null && !dir.isBlank(), "RAPPORT_DATA_DIR is not set");
    Path p = Path.of(dir, "exports");
    assumeTrue(Files.isDirectory(p), "no exports in " + dir);
    return p;
  }

  @BeforeEach
  void open() {
    exports();
    r =
        Rapport.on(
            TestDatabases.h2(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    ws = r.workspaces().create("real", "Real", ZoneId.of("UTC"), TargetAudience.NONE);
    importer = new ExportImporter(r.database(), r.workspaces(), r.people(), r.posts(), r.ledger());
  }

  @AfterEach
  void close() {
    if (r != null) {
      r.close();
    }
  }

  ExportOutcome.Imported run(ExportFormat f, Path p, String channel) {
    long t0 = System.nanoTime();
    ExportOutcome out = importer.importExport(ws.id(), f, p, channel, null);
    System.out.println("TOOK " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertThat(out).as(out.toString()).isInstanceOf(ExportOutcome.Imported.class);
    System.out.println(out);
    r.posts().recent(ws.id(), 400).stream()
        .skip(395)
        .forEach(
            x ->
                System.out.println(
                    "POST "
                        + x.variants().get(0).publishedAt()
                        + " "
                        + x.variants().get(0).platformPostId()
                        + " | "
                        + x.body().replace("\n", "\\n")));
    r.posts()
        .recent(ws.id(), 3)
        .forEach(
            x ->
                System.out.println(
                    "POST "
                        + x.variants().get(0).publishedAt()
                        + " "
                        + x.variants().get(0).platformPostId()
                        + " | "
                        + x.body().replace("\n", "\\n")));
    return (ExportOutcome.Imported) out;
  }

  @Test
  void xArchive() {
    ExportOutcome.Imported i = run(ExportFormat.X_ARCHIVE, exports().resolve("twitter"), null);
    assertThat(i.channel()).isEqualTo("x:andreruffert");
    ExportOutcome.Imported again = run(ExportFormat.X_ARCHIVE, exports().resolve("twitter"), null);
    assertThat(again.count("posts").created()).isZero();
  }

  @Test
  void mastodon() {
    ExportOutcome.Imported i =
        run(ExportFormat.MASTODON_EXPORT, exports().resolve("mastodon"), null);
    assertThat(i.channel()).isEqualTo("mastodon:dealingwith@indieweb.social");
  }

  @Test
  void instagram() {
    run(ExportFormat.INSTAGRAM_EXPORT, exports().resolve("instagram/yummyhopper"), "yummyhopper");
    run(ExportFormat.INSTAGRAM_EXPORT, exports().resolve("instagram/peggz19"), "peggz19");
  }

  @Test
  void linkedin() {
    run(ExportFormat.LINKEDIN_EXPORT, exports().resolve("linkedin"), "anand");
  }
}
