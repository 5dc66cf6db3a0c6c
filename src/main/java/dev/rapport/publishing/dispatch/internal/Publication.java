package dev.rapport.publishing.dispatch.internal;

import dev.rapport.content.PostState;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.MediaHosting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of dispatch for one variant: publish it, or find out what became of an attempt whose
 * outcome is unknown. Runs inside the variant's scheduler task, which the scheduler runs on one
 * node at a time; every state change is additionally guarded by the state it leaves.
 */
final class Publication {

  private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

  private final VariantStore store;
  private final Connections connections;
  private final Connectors connectors;
  private final Pace pace;
  private final Backoff backoff;
  private final Alerts alerts;
  private final DispatchSettings settings;
  private final Clock clock;
  private final String node;
  private final Set<Long> running;
  private final MediaHosting media;

  Publication(
      VariantStore store,
      Connections connections,
      Connectors connectors,
      Pace pace,
      Backoff backoff,
      Alerts alerts,
      DispatchSettings settings,
      Clock clock,
      String node,
      Set<Long> running,
      MediaHosting media) {
    this.store = store;
    this.connections = connections;
    this.connectors = connectors;
    this.pace = pace;
    this.backoff = backoff;
    this.alerts = alerts;
    this.settings = settings;
    this.clock = clock;
    this.node = node;
    this.running = running;
    this.media = media;
  }

  /**
   * Does what the variant needs now; returns when to run again, or empty when done.
   *
   * <p>The scheduler takes a task whose heartbeat is late for a dead node's and runs it again, also
   * on the node still running it. A second run of a variant on this node therefore only asks to be
   * run again later: deciding anything while the first run may be mid-call (between its claim and
   * its answer) could publish twice, and ending the task could leave the variant without one.
   */
  Optional<Instant> run(long variantId) {
    if (!running.add(variantId)) {
      return Optional.of(clock.instant().plus(settings.lookupDelay()));
    }
    try {
      return step(variantId);
    } finally {
      running.remove(variantId);
    }
  }

  private Optional<Instant> step(long variantId) {
    Optional<Target> found = store.target(variantId);
    if (found.isEmpty()) {
      return Optional.empty(); // deleted
    }
    Target t = found.get();
    Instant now = clock.instant();
    return switch (t.state()) {
      case SCHEDULED -> scheduled(t, now);
      case PUBLISHING -> interrupted(t, now);
      case UNCONFIRMED -> look(t, now);
      default -> Optional.empty(); // published, failed, or taken back to draft: nothing to do
    };
  }

  private Optional<Instant> scheduled(Target t, Instant now) {
    if (t.scheduledAt() == null) {
      return Optional.empty();
    }
    if (t.scheduledAt().isAfter(now.plusMillis(5))) {
      return Optional.of(t.scheduledAt()); // moved later without telling dispatch
    }
    Duration late = Duration.between(t.dueAt(), now);
    if (t.attempts() == 0 && late.compareTo(settings.maxLateness()) > 0) {
      String message =
          "Missed: Rapport was not running (or not told) when this post was due on "
              + t.channelName()
              + " at "
              + t.scheduledAt()
              + ", and "
              + words(late)
              + " later is past the allowed lateness of "
              + words(settings.maxLateness())
              + ".";
      String action = "Reschedule the post, or retry it to publish it now.";
      fail(t, PostState.SCHEDULED, "missed", message, action, now);
      return Optional.empty();
    }
    return publish(t, now);
  }

  private Optional<Instant> publish(Target t, Instant now) {
    Optional<Account> account = connections.account(t.workspaceId(), t.channelId());
    Optional<Connector> connector = connectors.forPlatform(t.platform());
    if (account.isEmpty()) {
      fail(
          t,
          PostState.SCHEDULED,
          "not_connected",
          "Not published: the channel " + t.channelName() + " is not connected to its account.",
          "Connect the channel in Settings → Channels, then retry this post.",
          now);
      return Optional.empty();
    }
    if (connector.isEmpty()) {
      fail(
          t,
          PostState.SCHEDULED,
          "no_connector",
          "Not published: this Rapport has no connector for "
              + Target.platformName(t.platform())
              + ".",
          "Upgrade Rapport or remove the channel from the post, then retry.",
          now);
      return Optional.empty();
    }
    Connector c = connector.get();
    Pace.Gate gate = pace.enter(t, c.capabilities(), now);
    if (!gate.open()) {
      if (gate.reason() != null) {
        store.event(t, "waiting", gate.reason(), now);
      }
      return Optional.of(gate.retryAt());
    }
    PublishResult result;
    try {
      if (!store.claim(t, node, now)) {
        // No longer scheduled: another node or the user moved it. Look again soon rather than end
        // the task: whoever moved it may still need it (the next run ends it if it is done).
        return Optional.of(now.plus(settings.lookupDelay()));
      }
      result = call(c, account.get(), t);
    } finally {
      gate.release().run();
    }
    return settle(t, account.get(), result, clock.instant());
  }

  private PublishResult call(Connector c, Account account, Target t) {
    Outgoing post;
    try {
      post =
          outgoing(t)
              .withMedia(MediaFiles.load(store.media(t.variantId()), t.workspaceId(), media));
    } catch (MediaFiles.Unreadable e) {
      // Nothing was sent: the user fixes the attachment and retries this channel.
      return new PublishResult.Rejected(
          "Rapport could not send " + t.channelName() + " its media: " + e.getMessage() + ".",
          "Attach the file again (or remove it) and retry this channel.",
          false);
    }
    try {
      return c.publish(account, post);
    } catch (RuntimeException e) {
      // A connector bug after sending is indistinguishable from a lost answer: never repeat
      // blindly.
      LOG.warn("connector {} threw while publishing variant {}", c.platform(), t.variantId(), e);
      return new PublishResult.Unknown("the connector failed: " + e);
    }
  }

  private Optional<Instant> settle(Target t, Account account, PublishResult result, Instant now) {
    if (result instanceof PublishResult.Published p) {
      store.published(t, p, "published", "Published on " + t.channelName() + url(p) + ".", now);
      return Optional.empty();
    }
    if (result instanceof PublishResult.Rejected r) {
      if (r.reconnect()) {
        account.reconnectNeeded(r.message());
      }
      fail(t, PostState.PUBLISHING, "rejected", r.message(), r.action(), now);
      return Optional.empty();
    }
    if (result instanceof PublishResult.Retryable r) {
      int attempts = t.attempts() + 1;
      if (attempts >= settings.maxAttempts()) {
        fail(
            t,
            PostState.PUBLISHING,
            "gave_up",
            "Not published: "
                + Target.platformName(t.platform())
                + " kept failing ("
                + r.message()
                + ") after "
                + attempts
                + " tries.",
            "Check the platform's status page, then retry this post.",
            now);
        return Optional.empty();
      }
      Duration wait = backoff.after(attempts, r.retryAfter());
      store.retryLater(
          t,
          "Try "
              + attempts
              + " did not go through ("
              + r.message()
              + "); trying again in "
              + words(wait)
              + ".",
          now);
      return Optional.of(now.plus(wait));
    }
    PublishResult.Unknown u = (PublishResult.Unknown) result;
    store.unconfirmed(
        t,
        PostState.PUBLISHING,
        "unknown",
        "Unconfirmed: the call to "
            + t.channelName()
            + " ended without an answer ("
            + u.message()
            + "); Rapport is looking on the platform before doing anything else.",
        "Nothing to do yet: Rapport will publish it, or confirm it, and say so here.",
        now);
    return Optional.of(now.plus(settings.lookupDelay()));
  }

  /** The variant was left 'publishing': the node that called the platform stopped mid-call. */
  private Optional<Instant> interrupted(Target t, Instant now) {
    Target.Outbox o = t.outbox();
    if (o != null && o.state().equals("pending")) {
      // On this node no other run of the variant is going (see run), so a pending record of ours
      // is a call that ended without being recorded; another node's may still be in its call.
      boolean mine = o.node().equals(node);
      Instant leaseEnd = o.startedAt().plus(settings.callLease());
      if (!mine && now.isBefore(leaseEnd)) {
        return Optional.of(leaseEnd);
      }
    }
    store.unconfirmed(
        t,
        PostState.PUBLISHING,
        "recovered",
        "Unconfirmed: Rapport stopped while sending this post to "
            + t.channelName()
            + " (a restart or crash); it is looking on the platform before doing anything else.",
        "Nothing to do yet: Rapport will publish it, or confirm it, and say so here.",
        now);
    return look(store.target(t.variantId()).orElse(t), now);
  }

  private Optional<Instant> look(Target t, Instant now) {
    Optional<Account> account = connections.account(t.workspaceId(), t.channelId());
    Optional<Connector> connector = connectors.forPlatform(t.platform());
    if (account.isEmpty() || connector.isEmpty()) {
      String message =
          "Unconfirmed: Rapport cannot check whether this post reached "
              + t.channelName()
              + " because the channel is "
              + (account.isEmpty() ? "no longer connected." : "without a connector.");
      String action =
          "Look at the account on the platform. If the post is missing, reconnect the channel and"
              + " retry it; if it is there, nothing more is needed.";
      store.note(t, "cannot_tell", message, action, now);
      alerts.send(t, "unconfirmed", "unconfirmed", message, action, now);
      return Optional.empty();
    }
    Lookup lookup;
    try {
      lookup = connector.get().find(account.get(), outgoing(t));
    } catch (RuntimeException e) {
      LOG.warn("connector {} threw while looking for variant {}", t.platform(), t.variantId(), e);
      lookup = new Lookup.CannotTell("the connector failed: " + e);
    }
    if (lookup instanceof Lookup.Found f) {
      store.published(
          t,
          f.post(),
          "found",
          "Found on "
              + t.channelName()
              + url(f.post())
              + " after an unconfirmed attempt: marked published, not posted again.",
          clock.instant());
      return Optional.empty();
    }
    if (lookup instanceof Lookup.NotFound) {
      // A call that timed out or was cut may still be queued on the platform's side; "not there"
      // only means "never will be" once the attempt is older than the longest a call can take.
      Target.Outbox o = t.outbox();
      Instant certainAfter =
          o == null || o.startedAt() == null ? now : o.startedAt().plus(settings.callLease());
      if (now.isBefore(certainAfter)) {
        store.event(
            t,
            "not_yet",
            "Not on "
                + t.channelName()
                + " yet; the first attempt could still arrive there, so Rapport looks again at "
                + certainAfter
                + " before publishing again.",
            now);
        return Optional.of(certainAfter);
      }
      if (t.attempts() >= settings.maxAttempts()) {
        fail(
            t,
            PostState.UNCONFIRMED,
            "gave_up",
            "Not published: "
                + t.attempts()
                + " tries to "
                + t.channelName()
                + " ended without an answer and the post is not on the platform.",
            "Check the platform's status page, then retry this post.",
            now);
        return Optional.empty();
      }
      if (!store.reopen(
          t,
          "not_found",
          "Not on " + t.channelName() + " after the unconfirmed attempt; publishing again.",
          now)) {
        return Optional.of(now.plus(settings.lookupDelay())); // moved meanwhile: see it next run
      }
      return store
          .target(t.variantId())
          .map(again -> publish(again, clock.instant()))
          .orElse(Optional.empty());
    }
    Lookup.CannotTell ct = (Lookup.CannotTell) lookup;
    int looks = store.lookedWithoutAnswer(t, "Could not look yet: " + ct.message(), now);
    if (looks >= settings.maxLookups()) {
      String message =
          "Unconfirmed: Rapport could not find out whether this post reached "
              + t.channelName()
              + " ("
              + ct.message()
              + ").";
      String action =
          "Look at the account on the platform. If the post is there, nothing more is needed;"
              + " if not, retry it here (Rapport looks again first, so it is never posted"
              + " twice).";
      store.note(t, "unconfirmed", message, action, now);
      alerts.send(t, "unconfirmed", "unconfirmed", message, action, now);
      return Optional.empty();
    }
    return Optional.of(now.plus(backoff.after(looks, settings.lookupDelay())));
  }

  private void fail(
      Target t, PostState from, String kind, String message, String action, Instant now) {
    if (store.failed(t, from, kind, message, action, now)) {
      alerts.send(t, "failed", kind, message, action, now);
    }
  }

  private static Outgoing outgoing(Target t) {
    return new Outgoing(
        t.variantId(), t.idempotencyKey(), t.body(), List.of(), null, t.scheduledAt());
  }

  private static String url(PublishResult.Published p) {
    return p.url() == null ? "" : " (" + p.url() + ")";
  }

  static String words(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    long m = d.toMinutes();
    if (m < 120) {
      return m + " min";
    }
    return d.toHours() + " h " + (m % 60) + " min";
  }
}
