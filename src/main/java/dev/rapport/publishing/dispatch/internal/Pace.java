package dev.rapport.publishing.dispatch.internal;

import dev.rapport.platforms.Capabilities;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard one account may be driven: {@link Capabilities#maxConcurrent()} calls at once on this
 * node, {@link Capabilities#minInterval()} between publishes across all nodes (a slot kept in the
 * database), and {@link Capabilities#postsPerDay()} in any 24 hours.
 */
final class Pace {

  /**
   * Whether a publish may go now; when not, when to ask again, and why in the user's words when the
   * wait is worth telling (a daily limit; not the routine pacing waits of milliseconds).
   */
  record Gate(boolean open, Instant retryAt, String reason, Runnable release) {
    static Gate closed(Instant at, String reason) {
      return new Gate(false, at, reason, () -> {});
    }
  }

  private final VariantStore store;
  private final Map<Long, Semaphore> inFlight = new ConcurrentHashMap<>();

  Pace(VariantStore store) {
    this.store = store;
  }

  Gate enter(Target t, Capabilities caps, Instant now) {
    Semaphore s =
        inFlight.computeIfAbsent(
            t.channelId(), id -> new Semaphore(Math.max(1, caps.maxConcurrent())));
    if (!s.tryAcquire()) {
      // A short, jittered wait: a slot frees as soon as one call on this account returns.
      return Gate.closed(now.plusMillis(20 + ThreadLocalRandom.current().nextInt(80)), null);
    }
    try {
      if (caps.postsPerDay() > 0) {
        int recent = store.publishedSince(t.channelId(), now.minus(Duration.ofHours(24)));
        if (recent >= caps.postsPerDay()) {
          s.release();
          return Gate.closed(
              now.plus(Duration.ofMinutes(15)),
              Target.platformName(t.platform())
                  + " allows "
                  + caps.postsPerDay()
                  + " posts a day per account and "
                  + recent
                  + " went out in the last 24 hours; waiting for the limit to free up.");
        }
      }
      Duration interval = caps.minInterval();
      if (interval != null && !interval.isZero() && !interval.isNegative()) {
        Instant[] next = new Instant[1];
        if (!store.takeSlot(t.channelId(), now, interval, next)) {
          s.release();
          return Gate.closed(next[0], null);
        }
      }
      return new Gate(true, now, null, s::release);
    } catch (RuntimeException e) {
      s.release();
      throw e;
    }
  }
}
