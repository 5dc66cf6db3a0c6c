package dev.rapport.imports.internal;

import dev.rapport.imports.ExportLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of an export, from a directory or a .zip, by their '/'-separated path inside it. Files
 * are read in place, never extracted, and every read is bounded by the {@link ExportLimits}. A zip
 * entry whose name would escape the archive (absolute, "..", drive letters) refuses the whole
 * export: such a name is a sign of a crafted archive. Symbolic links in a directory are ignored, so
 * that an export cannot make Rapport read files elsewhere. Not thread-safe.
 */
public final class ExportFiles implements AutoCloseable {

  private static final int MAX_DEPTH = 12;

  private final ZipFile zip;
  private final Map<String, Object> entries; // name -> Path or ZipEntry
  private final ExportLimits limits;
  private long totalRead;

  private ExportFiles(ZipFile zip, Map<String, Object> entries, ExportLimits limits) {
    this.zip = zip;
    this.entries = entries;
    this.limits = limits;
  }

  /** Opens a directory or a zip file. */
  public static ExportFiles open(Path source, ExportLimits limits) {
    if (Files.isDirectory(source)) {
      return directory(source, limits);
    }
    if (!Files.isRegularFile(source)) {
      throw new ExportRefusal("", 0, "no such directory or zip file: " + source);
    }
    return zip(source, limits);
  }

  private static ExportFiles directory(Path dir, ExportLimits limits) {
    Map<String, Object> entries = new LinkedHashMap<>();
    Path root = dir.toAbsolutePath().normalize();
    try (Stream<Path> walk = Files.walk(root, MAX_DEPTH, new FileVisitOption[0])) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          String name = root.relativize(p).toString().replace('\\', '/');
          if (!ignored(name)) {
            entries.put(name, p);
            if (entries.size() > limits.maxEntries()) {
              throw new ExportRefusal(
                  "", 0, "the directory holds more than " + limits.maxEntries() + " files");
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ExportRefusal("", 0, "cannot list the directory " + dir + ": " + e.getMessage());
    }
    return new ExportFiles(null, entries, limits);
  }

  private static ExportFiles zip(Path file, ExportLimits limits) {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new ExportRefusal(
          file.getFileName().toString(), 0, "not a directory or a readable zip file");
    } catch (IOException e) {
      throw new ExportRefusal(file.getFileName().toString(), 0, "cannot read: " + e.getMessage());
    }
    try {
      Map<String, Object> entries = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      int n = 0;
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (++n > limits.maxEntries()) {
          throw new ExportRefusal(
              file.getFileName().toString(),
              0,
              "the zip lists more than " + limits.maxEntries() + " entries");
        }
        String name = e.getName();
        if (unsafe(name)) {
          throw new ExportRefusal(
              name, 0, "unsafe path in the zip (it points outside the archive); refusing it all");
        }
        if (!e.isDirectory() && !ignored(name)) {
          entries.put(name, e);
        }
      }
      return new ExportFiles(zip, entries, limits);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  static boolean unsafe(String name) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
      return true;
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Operating-system litter that zips carry along. */
  private static boolean ignored(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    return name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store");
  }

  /**
   * The files whose base name matches {@code baseName} (a regex; its first group, if any and
   * numeric, orders the parts), all in one folder. Files of that name in two different folders make
   * the export ambiguous and refuse it.
   */
  public List<String> find(String baseName) {
    Pattern p = Pattern.compile(baseName, Pattern.CASE_INSENSITIVE);
    List<String> found = new ArrayList<>();
    for (String name : entries.keySet()) {
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (p.matcher(base).matches()) {
        found.add(name);
      }
    }
    List<String> folders = found.stream().map(ExportFiles::folder).distinct().sorted().toList();
    if (folders.size() > 1) {
      throw new ExportRefusal(
          "",
          0,
          "files named like "
              + baseName.replace("\\", "")
              + " are in several folders ("
              + String.join(", ", folders.stream().map(f -> f.isEmpty() ? "/" : f).toList())
              + "); give the folder of one export");
    }
    found.sort(Comparator.comparingLong(n -> partNumber(p, n)));
    return found;
  }

  private static long partNumber(Pattern p, String name) {
    Matcher m = p.matcher(name.substring(name.lastIndexOf('/') + 1));
    if (m.matches() && m.groupCount() >= 1 && m.group(1) != null) {
      String digits = m.group(1).replaceAll("\\D", "");
      if (!digits.isEmpty() && digits.length() < 10) {
        return Long.parseLong(digits);
      }
    }
    return 0;
  }

  static String folder(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash + 1);
  }

  /** Opens a file for reading; reading past the size limits fails with a refusal naming it. */
  public InputStream open(String name) {
    Object e = entries.get(name);
    if (e == null) {
      throw new ExportRefusal(name, 0, "no such file in the export");
    }
    try {
      InputStream in;
      if (e instanceof Path p) {
        long size = Files.size(p);
        checkSize(name, size);
        in = Files.newInputStream(p);
      } else {
        ZipEntry z = (ZipEntry) e;
        if (z.getSize() >= 0) {
          checkSize(name, z.getSize());
        }
        in = zip.getInputStream(z);
      }
      return new Bounded(in, name);
    } catch (IOException x) {
      throw new ExportRefusal(name, 0, "cannot read: " + x.getMessage());
    }
  }

  private void checkSize(String name, long size) {
    if (size > limits.maxFileBytes()) {
      throw new ExportRefusal(
          name,
          0,
          "the file is "
              + mib(size)
              + ", over the limit of "
              + mib(limits.maxFileBytes())
              + " for one file");
    }
  }

  private static String mib(long bytes) {
    return bytes >= 1 << 20
        ? String.format(java.util.Locale.ROOT, "%,d MiB", bytes >> 20)
        : String.format(java.util.Locale.ROOT, "%,d bytes", bytes);
  }

  /** Counts what is really read, since a zip's declared sizes may lie. */
  private final class Bounded extends FilterInputStream {
    private final String name;
    private long read;

    Bounded(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) {
      read += n;
      totalRead += n;
      if (read > limits.maxFileBytes()) {
        throw new ExportRefusal(
            name,
            0,
            "the file is larger than the limit of " + mib(limits.maxFileBytes()) + " for one file");
      }
      if (totalRead > limits.maxTotalBytes()) {
        throw new ExportRefusal(
            name,
            0,
            "the export is larger than the limit of " + mib(limits.maxTotalBytes()) + " in all");
      }
    }
  }

  @Override
  public void close() {
    if (zip != null) {
      closeQuietly(zip);
    }
  }

  private static void closeQuietly(ZipFile z) {
    try {
      z.close();
    } catch (IOException ignored) {
      // Nothing was written through it; the handle goes with the process.
    }
  }
}
