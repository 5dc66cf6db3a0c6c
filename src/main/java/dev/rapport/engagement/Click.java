package dev.rapport.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * A visit through a tracked link, before it is stored.
 *
 * @param visitor something that identifies the browser for a day (address and user agent); hashed
 *     with the day's salt when stored, never stored itself; null when unknown
 * @param referrer the page the visitor came from, or null
 */
public record Click(TrackedLink link, Instant at, String visitor, String referrer) {
  public Click {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(at, "at");
  }
}
