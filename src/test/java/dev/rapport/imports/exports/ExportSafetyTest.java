package dev.rapport.imports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportLimits;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken inputs: escaping zip entries, oversized files, zip bombs, things that are not
 * exports. Each is refused with a message naming the file, and nothing is written.
 */
class ExportSafetyTest {

  static final Fixtures.Stored NOTHING = new Fixtures.Stored(0, 0, 0, 0);

  @TempDir Path dir;

  Fixtures.Env env() {
    return Fixtures.env(TestDatabases::h2);
  }

  @Test
  void aZipEntryThatEscapesTheArchiveRefusesItAll() {
    Path zip =
        Fixtures.zipOf(
            dir.resolve("evil.zip"),
            List.of(
                new String[] {"outbox.json", "{\"orderedItems\":[]}"},
                new String[] {"../../.bashrc", "rm -rf ~"}));
    try (Fixtures.Env env = env()) {
      ExportOutcome.Rejected j = env.rejected(ExportFormat.MASTODON_EXPORT, zip, "rose");
      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "../../.bashrc: unsafe path in the zip (it points outside the archive); refusing"
                  + " it all");
      assertThat(env.stored()).isEqualTo(NOTHING);
    }
  }

  @Test
  void absolutePathsInAZipAreRefusedToo() {
    Path zip =
        Fixtures.zipOf(
            dir.resolve("abs.zip"), List.<String[]>of(new String[] {"/etc/Shares.csv", "x"}));
    try (Fixtures.Env env = env()) {
      assertThat(env.rejected(ExportFormat.LINKEDIN_EXPORT, zip, "rose").problems().get(0).reason())
          .startsWith("unsafe path in the zip");
    }
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedByName() throws IOException {
    Path export = Fixtures.copy("x", dir);
    long size = Files.size(export.resolve("data/tweets.js"));
    try (Fixtures.Env env =
        Fixtures.env(TestDatabases::h2, new ExportLimits(2_000, 1 << 20, 100))) {
      ExportOutcome.Rejected j = env.rejected(ExportFormat.X_ARCHIVE, export, null);
      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              String.format(
                  java.util.Locale.ROOT,
                  "data/tweets.js: the file is %,d bytes, over the limit of 2,000 bytes for one file",
                  size));
      assertThat(env.stored()).isEqualTo(NOTHING);
    }
  }

  @Test
  void aLargeFileInAZipIsRefusedByItsDeclaredSize() throws IOException {
    Path zip = bomb(dir.resolve("big.zip"));
    try (Fixtures.Env env =
        Fixtures.env(TestDatabases::h2, new ExportLimits(1 << 20, 1 << 20, 100))) {
      ExportOutcome.Rejected j = env.rejected(ExportFormat.X_ARCHIVE, zip, null);
      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "data/tweets.js: the file is 2 MiB, over the limit of 1 MiB for one file");
    }
  }

  @Test
  void aZipThatLiesAboutItsSizeIsCaughtWhileInflating() throws IOException {
    Path zip = bomb(dir.resolve("bomb.zip"));
    // Declare 100 bytes in the central directory, as a zip bomb would.
    byte[] bytes = Files.readAllBytes(zip);
    int central = -1;
    for (int i = bytes.length - 4; i >= 0; i--) {
      if (bytes[i] == 0x50
          && bytes[i + 1] == 0x4b
          && bytes[i + 2] == 0x01
          && bytes[i + 3] == 0x02) {
        central = i;
        break;
      }
    }
    assertThat(central).isPositive();
    java.nio.ByteBuffer.wrap(bytes, central + 24, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(100);
    Files.write(zip, bytes);
    try (Fixtures.Env env =
        Fixtures.env(TestDatabases::h2, new ExportLimits(1 << 20, 1 << 20, 100))) {
      ExportOutcome.Rejected j = env.rejected(ExportFormat.X_ARCHIVE, zip, null);
      assertThat(j.problems())
          .extracting(Object::toString)
          .containsExactly(
              "data/tweets.js: the file is larger than the limit of 1 MiB for one file");
      assertThat(env.stored()).isEqualTo(NOTHING);
    }
  }

  /** 3 MB of blanks in a tweets.js: compresses to a few kilobytes. */
  private static Path bomb(Path zip) throws IOException {
    Fixtures.zipOf(
        zip,
        List.<String[]>of(
            new String[] {
              "data/tweets.js", "window.YTD.tweets.part0 = [" + " ".repeat(3_000_000) + "]"
            }));
    assertThat(Files.size(zip)).isLessThan(100_000);
    return zip;
  }

  @Test
  void aFolderThatIsNotAnExportSaysSo() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    try (Fixtures.Env env = env()) {
      assertThat(env.rejected(ExportFormat.X_ARCHIVE, dir, null).problems().get(0).reason())
          .startsWith("this does not look like an X archive");
      assertThat(env.rejected(ExportFormat.INSTAGRAM_EXPORT, dir, null).problems().get(0).reason())
          .startsWith("this does not look like an Instagram export");
      assertThat(
              env.rejected(ExportFormat.MASTODON_EXPORT, dir.resolve("missing"), null).problems())
          .extracting(Object::toString)
          .containsExactly("export: no such directory or zip file: " + dir.resolve("missing"));
    }
  }

  @Test
  void twoExportsInOneFolderAreAmbiguous() {
    Fixtures.copy("x", dir.resolve("a"));
    Fixtures.copy("x", dir.resolve("b"));
    try (Fixtures.Env env = env()) {
      ExportOutcome.Rejected j = env.rejected(ExportFormat.X_ARCHIVE, dir, null);
      assertThat(j.problems().get(0).reason())
          .contains("are in several folders (a/x/data/, b/x/data/)");
      assertThat(env.stored()).isEqualTo(NOTHING);
    }
  }

  @Test
  void textThatIsNotUtf8IsRefused() throws IOException {
    Path export = Fixtures.copy("linkedin", dir);
    Files.write(
        export.resolve("Comments.csv"),
        "Date,Link,Message\n2026-04-02 10:00:00,https://l.example/1,Caf\u00e9\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    try (Fixtures.Env env = env()) {
      assertThat(env.rejected(ExportFormat.LINKEDIN_EXPORT, export, "rose").problems())
          .extracting(Object::toString)
          .containsExactly("Comments.csv: the file is not valid UTF-8 text");
      assertThat(env.stored()).isEqualTo(NOTHING);
    }
  }

  @Test
  void symbolicLinksInAFolderAreNotFollowed() throws IOException {
    Path outside = dir.resolve("outside");
    Path export = Fixtures.copy("mastodon", dir);
    Files.createDirectories(outside);
    Files.writeString(outside.resolve("likes.json"), "{\"orderedItems\":[\"a\",\"b\",\"c\"]}");
    Files.delete(export.resolve("likes.json"));
    try {
      Files.createSymbolicLink(export.resolve("likes.json"), outside.resolve("likes.json"));
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e.getMessage());
    }
    try (Fixtures.Env env = env()) {
      ExportOutcome.Imported i = env.imported(ExportFormat.MASTODON_EXPORT, export, null);
      assertThat(i.skippedOf("likes")).isZero();
      assertThat(i.count("posts").created()).isEqualTo(3);
    }
  }
}
