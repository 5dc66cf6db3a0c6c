package dev.rapport.authenticity;

import dev.rapport.authenticity.internal.ProfileFiles;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Opens profile files: JSON (Twitter/X v1.1 and v2, Mastodon, Bluesky; one array, a wrapper object
 * or JSON Lines) or CSV with Twitter user-object column names. The format is taken from the
 * extension ({@code .csv}, {@code .json}, {@code .jsonl}, {@code .ndjson}) or, failing that, from
 * the first bytes. Thread-safe.
 */
public final class ProfileReaders {

  private ProfileReaders() {}

  public static ProfileReader open(Path file, ReadOptions options) {
    return ProfileFiles.open(file, options);
  }

  /** Reads from a stream; {@code name} is used in messages and to guess the format. */
  public static ProfileReader open(InputStream in, String name, ReadOptions options) {
    return ProfileFiles.open(in, name, options);
  }
}
