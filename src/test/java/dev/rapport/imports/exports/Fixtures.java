package dev.rapport.imports.exports;

import dev.rapport.app.Rapport;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportImporter;
import dev.rapport.imports.ExportLimits;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The made-up exports under samples/exports, and a fresh workspace to import into. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private Fixtures() {}

  /** A writable copy of one fixture export (so a test may break it). */
  static Path copy(String name, Path into) {
    try {
      Path from = Path.of(Fixtures.class.getResource("/exports/" + name).toURI());
      Path to = into.resolve(name);
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Zips a directory the way platforms ship exports: one folder at the top of the archive. */
  static Path zip(Path dir, Path zipFile) {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zipFile));
        Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new ZipEntry(
                dir.getFileName() + "/" + dir.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
      return zipFile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip with exactly these entries and contents. */
  static Path zipOf(Path zipFile, List<String[]> entries) {
    try (OutputStream file = Files.newOutputStream(zipFile);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String[] e : entries) {
        out.putNextEntry(new ZipEntry(e[0]));
        out.write(e[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      return zipFile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void replace(Path file, String from, String to) {
    try {
      String s = Files.readString(file);
      if (!s.contains(from)) {
        throw new IllegalArgumentException(file + " does not contain " + from);
      }
      Files.writeString(file, s.replaceFirst(java.util.regex.Pattern.quote(from), to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh database with one workspace, and the importer over it. */
  record Env(Rapport r, Workspace ws, ExportImporter importer) implements AutoCloseable {

    ExportOutcome run(ExportFormat f, Path source, String channel) {
      return importer.importExport(ws.id(), f, source, channel, null);
    }

    ExportOutcome.Imported imported(ExportFormat f, Path source, String channel) {
      ExportOutcome out = run(f, source, channel);
      if (out instanceof ExportOutcome.Imported i) {
        return i;
      }
      throw new AssertionError("expected an import, got " + out);
    }

    ExportOutcome.Rejected rejected(ExportFormat f, Path source, String channel) {
      ExportOutcome out = run(f, source, channel);
      if (out instanceof ExportOutcome.Rejected j) {
        return j;
      }
      throw new AssertionError("expected a refusal, got " + out);
    }

    /** What the workspace holds: posts, identities, ledger events, channels. */
    Stored stored() {
      return new Stored(
          r.posts().count(ws.id()),
          r.people().countIdentities(ws.id()),
          r.ledger().count(ws.id()),
          r.workspaces().channels(ws.id()).size());
    }

    @Override
    public void close() {
      r.close();
    }
  }

  record Stored(long posts, long identities, long events, long channels) {}

  static Env env(TestDatabases.Kind kind) {
    return env(kind, ExportLimits.DEFAULT);
  }

  static Env env(TestDatabases.Kind kind, ExportLimits limits) {
    Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC));
    Workspace ws =
        r.workspaces()
            .create("bakery", "Rose Bakery", ZoneId.of("Europe/Paris"), TargetAudience.NONE);
    return new Env(
        r,
        ws,
        new ExportImporter(
            r.database(),
            r.workspaces(),
            r.people(),
            r.posts(),
            r.ledger(),
            limits,
            ZoneOffset.UTC));
  }
}
