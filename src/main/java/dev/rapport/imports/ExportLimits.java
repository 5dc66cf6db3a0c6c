package dev.rapport.imports;

/**
 * Bounds on what an export may hold, so that a hostile or broken archive (a zip bomb, a file of
 * gigabytes) is refused with a clear message instead of exhausting memory.
 *
 * @param maxFileBytes the largest single file read (uncompressed)
 * @param maxTotalBytes the most bytes read from all files of one export together
 * @param maxEntries the most entries a zip may list
 */
public record ExportLimits(long maxFileBytes, long maxTotalBytes, int maxEntries) {

  /** 512 MiB per file, 2 GiB in all, 200,000 zip entries: ample for real archives. */
  public static final ExportLimits DEFAULT = new ExportLimits(512L << 20, 2L << 30, 200_000);

  public ExportLimits {
    if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
