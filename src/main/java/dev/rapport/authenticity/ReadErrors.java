package dev.rapport.authenticity;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad records met while reading, counted (never silently dropped). Keeps the first {@link
 * #KEPT_DETAILS} messages. Fails with the offending record once more than {@code maxErrors} were
 * seen. Thread-safe.
 */
public final class ReadErrors {

  public static final int KEPT_DETAILS = 20;

  private final long maxErrors;
  private final List<String> details = new ArrayList<>();
  private long count;

  public ReadErrors(long maxErrors) {
    this.maxErrors = maxErrors;
  }

  /** Records a bad record, or rethrows it when the budget of skippable errors is spent. */
  public synchronized void add(MalformedProfileException e) {
    count++;
    if (details.size() < KEPT_DETAILS) {
      details.add(e.getMessage());
    }
    if (count > maxErrors) {
      throw new MalformedProfileException(
          e.record(),
          e.field(),
          stripRecord(e)
              + (maxErrors == 0
                  ? ""
                  : " (more than " + maxErrors + " bad records; raise --max-errors to skip more)"));
    }
  }

  public synchronized long count() {
    return count;
  }

  public synchronized List<String> details() {
    return List.copyOf(details);
  }

  private static String stripRecord(MalformedProfileException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }
}
