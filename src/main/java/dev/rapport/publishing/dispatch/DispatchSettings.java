package dev.rapport.publishing.dispatch;

import dev.rapport.platforms.OutboundPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How dispatch runs.
 *
 * @param nodeName this node's name in the scheduler table (unique per process; a random suffix is
 *     added)
 * @param threads publishes in flight at once on this node
 * @param pollingInterval how often the node looks for due variants
 * @param lockAndFetch PostgreSQL only: claim due rows with {@code SELECT ... FOR UPDATE SKIP
 *     LOCKED} in one statement (faster, and nodes never collide); H2 always uses fetch-then-lock
 * @param heartbeatInterval how often a node marks its running publishes alive; a node silent for
 *     {@code missedHeartbeats} intervals is considered dead and its work is taken over
 * @param missedHeartbeats see above
 * @param callLease the longest a platform call can take (connectors time out sooner); an outbox
 *     record pending for longer belongs to a node that stopped mid-call
 * @param maxLateness how late a variant may still be published after downtime; later ones are
 *     marked failed as missed
 * @param sweepInterval how often the sweeper runs
 * @param sweepGrace how long past its time a scheduled variant may wait for its own task before the
 *     sweeper steps in
 * @param maxAttempts publish attempts for retryable failures before giving up
 * @param backoffBase first retry delay; doubles per attempt, with jitter
 * @param backoffMax the longest retry delay
 * @param lookupDelay the wait before looking on the platform after an unknown outcome
 * @param maxLookups times Rapport looks on the platform without an answer before asking the user
 * @param webhook where failures are POSTed as JSON, or null
 * @param outbound which webhook hosts may be called
 */
public record DispatchSettings(
    String nodeName,
    int threads,
    Duration pollingInterval,
    boolean lockAndFetch,
    Duration heartbeatInterval,
    int missedHeartbeats,
    Duration callLease,
    Duration maxLateness,
    Duration sweepInterval,
    Duration sweepGrace,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration lookupDelay,
    int maxLookups,
    URI webhook,
    OutboundPolicy outbound) {

  public DispatchSettings {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(outbound, "outbound");
    if (threads < 1 || maxAttempts < 1 || maxLookups < 1 || missedHeartbeats < 1) {
      throw new IllegalArgumentException("threads, attempts, lookups and heartbeats must be >= 1");
    }
    for (Duration d :
        new Duration[] {
          pollingInterval,
          heartbeatInterval,
          callLease,
          maxLateness,
          sweepInterval,
          sweepGrace,
          backoffBase,
          backoffMax,
          lookupDelay
        }) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("durations must be set and not negative");
      }
    }
  }

  /** Production defaults: a variant may be up to an hour late after downtime. */
  public static DispatchSettings defaults() {
    return new DispatchSettings(
        hostName(),
        16,
        Duration.ofMillis(500),
        true,
        Duration.ofSeconds(30),
        6,
        Duration.ofMinutes(2),
        Duration.ofHours(1),
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        8,
        Duration.ofSeconds(5),
        Duration.ofMinutes(30),
        Duration.ofSeconds(30),
        12,
        null,
        OutboundPolicy.PUBLIC_ONLY);
  }

  /**
   * The defaults, with the webhook from {@code RAPPORT_DISPATCH_WEBHOOK}, the lateness from {@code
   * RAPPORT_DISPATCH_MAX_LATENESS} (ISO-8601, e.g. PT2H) and private hosts allowed by {@code
   * RAPPORT_ALLOW_PRIVATE_HOSTS=true}.
   */
  public static DispatchSettings fromEnvironment(java.util.Map<String, String> env) {
    DispatchSettings s = defaults();
    String hook = env.get("RAPPORT_DISPATCH_WEBHOOK");
    if (hook != null && !hook.isBlank()) {
      s = s.withWebhook(URI.create(hook.trim()));
    }
    String late = env.get("RAPPORT_DISPATCH_MAX_LATENESS");
    if (late != null && !late.isBlank()) {
      s = s.withMaxLateness(Duration.parse(late.trim()));
    }
    if ("true".equalsIgnoreCase(env.get("RAPPORT_ALLOW_PRIVATE_HOSTS"))) {
      s = s.withOutbound(OutboundPolicy.ANY_HOST);
    }
    return s;
  }

  public DispatchSettings withWebhook(URI url) {
    return new DispatchSettings(
        nodeName,
        threads,
        pollingInterval,
        lockAndFetch,
        heartbeatInterval,
        missedHeartbeats,
        callLease,
        maxLateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        url,
        outbound);
  }

  public DispatchSettings withOutbound(OutboundPolicy policy) {
    return new DispatchSettings(
        nodeName,
        threads,
        pollingInterval,
        lockAndFetch,
        heartbeatInterval,
        missedHeartbeats,
        callLease,
        maxLateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        webhook,
        policy);
  }

  public DispatchSettings withMaxLateness(Duration lateness) {
    return new DispatchSettings(
        nodeName,
        threads,
        pollingInterval,
        lockAndFetch,
        heartbeatInterval,
        missedHeartbeats,
        callLease,
        lateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        webhook,
        outbound);
  }

  public DispatchSettings withThreads(int n, Duration polling) {
    return new DispatchSettings(
        nodeName,
        n,
        polling,
        lockAndFetch,
        heartbeatInterval,
        missedHeartbeats,
        callLease,
        maxLateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        webhook,
        outbound);
  }

  /** A node silent for {@code missed × interval} is presumed dead and its work taken over. */
  public DispatchSettings withHeartbeat(Duration interval, int missed) {
    return new DispatchSettings(
        nodeName,
        threads,
        pollingInterval,
        lockAndFetch,
        interval,
        missed,
        callLease,
        maxLateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        webhook,
        outbound);
  }

  public DispatchSettings withNodeName(String name) {
    return new DispatchSettings(
        name,
        threads,
        pollingInterval,
        lockAndFetch,
        heartbeatInterval,
        missedHeartbeats,
        callLease,
        maxLateness,
        sweepInterval,
        sweepGrace,
        maxAttempts,
        backoffBase,
        backoffMax,
        lookupDelay,
        maxLookups,
        webhook,
        outbound);
  }

  /**
   * Quick timings for tests and the benchmark: fast polling, retries and lookups in milliseconds,
   * and a node presumed dead after about two seconds of silence.
   */
  public static DispatchSettings quick(String nodeName) {
    return new DispatchSettings(
        nodeName,
        8,
        Duration.ofMillis(50),
        true,
        Duration.ofMillis(300),
        4,
        Duration.ofSeconds(3),
        Duration.ofHours(1),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        5,
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        Duration.ofMillis(50),
        5,
        null,
        OutboundPolicy.PUBLIC_ONLY);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "rapport";
    }
  }
}
