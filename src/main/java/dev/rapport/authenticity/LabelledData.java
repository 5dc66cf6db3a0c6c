package dev.rapport.authenticity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads labelled profiles for training and evaluation. A file is a profile CSV whose label comes,
 * in this order, from a {@code label} (bot|human) or {@code bot} (1|0) column, from a cresci-2015
 * {@code dataset} column (E13, TFP human; FSF, INT, TWT bot), or from the file name (the cresci
 * layout: {@code genuine…} is human, {@code …bot…} or {@code fake…} is a bot). A directory means
 * its {@code *users.csv} files (else all its {@code *.csv} files). Thread-safe.
 */
public final class LabelledData {

  private LabelledData() {}

  public static List<LabelledProfile> read(List<Path> paths, ReadOptions options) {
    List<LabelledProfile> out = new ArrayList<>();
    for (Path p : paths) {
      for (Path f : files(p)) {
        readFile(f, options, out);
      }
    }
    return out;
  }

  /** The data files a path stands for, in a stable order. */
  public static List<Path> files(Path p) {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.list(p)) {
      List<Path> csv = s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
      List<Path> users =
          csv.stream().filter(f -> f.getFileName().toString().endsWith("users.csv")).toList();
      return users.isEmpty() ? csv : users;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readFile(Path f, ReadOptions options, List<LabelledProfile> out) {
    String stem = f.getFileName().toString().replaceFirst("(\\.users)?\\.csv$", "");
    Path parent = f.toAbsolutePath().getParent();
    String set = parent == null ? "" : parent.getFileName() + "/";
    Boolean fromName = classFromName(stem);
    try (ProfileReader r = ProfileReaders.open(f, options)) {
      r.readLabelled(
          l -> {
            Boolean bot = l.bot();
            String group = set + stem;
            String dataset = l.group().equals(r.name()) ? null : l.group();
            if (bot == null && dataset != null) {
              bot = classFromDataset(dataset);
              group = set + dataset;
            }
            if (bot == null) {
              bot = fromName;
            }
            if (bot == null) {
              throw new MalformedProfileException(
                  f.getFileName().toString(),
                  "label",
                  "cannot tell bots from humans: add a label (bot|human) or bot (1|0) column");
            }
            out.add(new LabelledProfile(l.profile(), bot, group));
          });
    }
  }

  static Boolean classFromName(String stem) {
    String s = stem.toLowerCase(Locale.ROOT);
    if (s.contains("genuine") || s.contains("human")) {
      return Boolean.FALSE;
    }
    if (s.contains("bot") || s.contains("fake")) {
      return Boolean.TRUE;
    }
    return null;
  }

  static Boolean classFromDataset(String dataset) {
    return switch (dataset.strip().toUpperCase(Locale.ROOT)) {
      case "E13", "TFP" -> Boolean.FALSE;
      case "FSF", "INT", "TWT" -> Boolean.TRUE;
      default -> null;
    };
  }
}
