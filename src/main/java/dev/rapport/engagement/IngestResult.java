package dev.rapport.engagement;

/**
 * What one ingest did.
 *
 * @param received events passed in
 * @param inserted new events written to the ledger
 * @param duplicates events already in the ledger (or repeated in the batch), skipped
 */
public record IngestResult(long received, long inserted, long duplicates) {

  public static final IngestResult NONE = new IngestResult(0, 0, 0);

  public IngestResult plus(IngestResult o) {
    return new IngestResult(
        received + o.received, inserted + o.inserted, duplicates + o.duplicates);
  }
}
