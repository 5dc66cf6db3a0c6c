package dev.rapport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where labelled data lives: {@code --data}, else {@code $RAPPORT_DATA_DIR/bots}. */
final class DataPaths {

  static final String ENV = "RAPPORT_DATA_DIR";

  private DataPaths() {}

  static List<Path> resolve(List<Path> given, String envValue, List<String> defaultSubdirs) {
    if (given != null && !given.isEmpty()) {
      return given;
    }
    if (envValue == null || envValue.isBlank()) {
      throw new IllegalArgumentException("no --data given and " + ENV + " is not set");
    }
    List<Path> out = new ArrayList<>();
    for (String s : defaultSubdirs) {
      Path p = Path.of(envValue, s);
      if (Files.isDirectory(p)) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("none of " + defaultSubdirs + " found under " + envValue);
    }
    return out;
  }
}
