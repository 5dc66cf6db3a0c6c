package dev.rapport.web;

import dev.rapport.app.Settings;
import java.time.Duration;

/**
 * How the web server runs. Validated at construction; read once at start-up.
 *
 * @param bindAddress interface to listen on
 * @param port TCP port; 0 picks a free one (tests)
 * @param secureCookies mark cookies {@code Secure} even when the request arrived over plain HTTP
 *     (set it behind a TLS-terminating proxy)
 * @param sessionTtl how long a sign-in lasts at most, however busy (absolute timeout)
 * @param sessionIdle how long a sign-in lasts without a request (idle timeout)
 * @param accountFailuresPerWindow failed sign-ins allowed per account in a window before refusal
 * @param addressFailuresPerWindow failed sign-ins allowed per client address in a window
 * @param failureWindow the sliding window of the two limits
 * @param requestThreads the most requests served at once (more wait in line); few threads on few
 *     cores keep short requests from being preempted by each other (see docs/benchmarks.md, the
 *     redirect under load)
 */
public record WebSettings(
    String bindAddress,
    int port,
    boolean secureCookies,
    Duration sessionTtl,
    Duration sessionIdle,
    int accountFailuresPerWindow,
    int addressFailuresPerWindow,
    Duration failureWindow,
    int requestThreads) {

  /** Jetty's acceptor and selectors take some of the pool; below this it may not start. */
  public static final int MIN_REQUEST_THREADS = 8;

  /** Sixteen on a 2-core machine, eight per core on larger ones. */
  public static final int DEFAULT_REQUEST_THREADS =
      Math.max(16, 8 * Runtime.getRuntime().availableProcessors());

  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

  /** ASVS 4.0.3 V3.3.2 (level 2): 12 hours in all, or 30 minutes without activity. */
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

  public static final int DEFAULT_ACCOUNT_FAILURES = 5;

  /** Higher than per account: an office or a phone network shares one address. */
  public static final int DEFAULT_ADDRESS_FAILURES = 20;

  public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofMinutes(1);

  public WebSettings {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bind address is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("session lifetime must be positive");
    }
    if (sessionIdle.isNegative() || sessionIdle.isZero()) {
      throw new IllegalArgumentException("session idle timeout must be positive");
    }
    if (accountFailuresPerWindow < 1 || addressFailuresPerWindow < 1) {
      throw new IllegalArgumentException("sign-in failure limits must be at least 1");
    }
    if (failureWindow.isNegative() || failureWindow.isZero()) {
      throw new IllegalArgumentException("sign-in failure window must be positive");
    }
    if (requestThreads < MIN_REQUEST_THREADS) {
      throw new IllegalArgumentException(
          "request threads must be at least " + MIN_REQUEST_THREADS + ", got " + requestThreads);
    }
  }

  public static WebSettings of(String bindAddress, int port) {
    return new WebSettings(
        bindAddress,
        port,
        false,
        DEFAULT_SESSION_TTL,
        DEFAULT_SESSION_IDLE,
        DEFAULT_ACCOUNT_FAILURES,
        DEFAULT_ADDRESS_FAILURES,
        DEFAULT_FAILURE_WINDOW,
        DEFAULT_REQUEST_THREADS);
  }

  /** The address and port of Rapport's settings, other values at their defaults. */
  public static WebSettings from(Settings settings) {
    return of(settings.bindAddress(), settings.port());
  }

  public WebSettings withSecureCookies(boolean secure) {
    return new WebSettings(
        bindAddress,
        port,
        secure,
        sessionTtl,
        sessionIdle,
        accountFailuresPerWindow,
        addressFailuresPerWindow,
        failureWindow,
        requestThreads);
  }

  public WebSettings withLoginLimits(int perAccount, int perAddress, Duration window) {
    return new WebSettings(
        bindAddress,
        port,
        secureCookies,
        sessionTtl,
        sessionIdle,
        perAccount,
        perAddress,
        window,
        requestThreads);
  }

  public WebSettings withSessionTimeouts(Duration absolute, Duration idle) {
    return new WebSettings(
        bindAddress,
        port,
        secureCookies,
        absolute,
        idle,
        accountFailuresPerWindow,
        addressFailuresPerWindow,
        failureWindow,
        requestThreads);
  }

  public WebSettings withRequestThreads(int threads) {
    return new WebSettings(
        bindAddress,
        port,
        secureCookies,
        sessionTtl,
        sessionIdle,
        accountFailuresPerWindow,
        addressFailuresPerWindow,
        failureWindow,
        threads);
  }

  /** How long a new sign-in lasts before its first renewal: the idle timeout, within the ttl. */
  Duration firstSessionLease() {
    return sessionIdle.compareTo(sessionTtl) < 0 ? sessionIdle : sessionTtl;
  }
}
