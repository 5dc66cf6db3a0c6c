package dev.rapport.authenticity;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures under src/test/resources/dev/rapport/authenticity. */
final class Fixtures {

  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static InputStream stream(String name) {
    return Fixtures.class.getResourceAsStream(name);
  }

  static List<ProfileSnapshot> read(String name, ReadOptions options) {
    List<ProfileSnapshot> out = new ArrayList<>();
    try (ProfileReader r = ProfileReaders.open(path(name), options)) {
      r.readAll(out::add);
    }
    return out;
  }
}
