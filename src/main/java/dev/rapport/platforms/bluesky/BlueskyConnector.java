package dev.rapport.platforms.bluesky;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Capabilities;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.bluesky.internal.BlueskyApi;
import dev.rapport.platforms.bluesky.internal.EngagementReader;
import dev.rapport.platforms.bluesky.internal.FollowerReader;
import dev.rapport.platforms.bluesky.internal.Publisher;
import dev.rapport.platforms.bluesky.internal.RichText;
import dev.rapport.platforms.bluesky.internal.SessionFailure;
import dev.rapport.platforms.bluesky.internal.Sessions;
import dev.rapport.platforms.bluesky.internal.Xrpc;
import dev.rapport.workspace.Platform;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Bluesky over XRPC against the account's PDS (which forwards {@code app.bsky.*} reads to the
 * AppView). The account carries the app password ({@code appPassword}) and, once logged in, the
 * session tokens ({@code accessJwt}, {@code refreshJwt}) and the DID ({@code did}).
 *
 * <p>Publishing is exactly-once although Bluesky has no idempotency header: each variant asks for a
 * record key derived from its idempotency key and scheduled time, so the PDS holds at most one post
 * per variant and {@link #find} asks for that key first.
 */
public final class BlueskyConnector implements Connector {

  /** The app-password secret's name. */
  public static final String APP_PASSWORD = Sessions.APP_PASSWORD;

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true,
          true,
          RichText.MAX_GRAPHEMES,
          4,
          Set.of(MediaKind.IMAGE),
          false,
          4,
          // 5,000 points an hour, 3 per created record: about one post every 2 s sustained.
          Duration.ofSeconds(1),
          // 35,000 points a day at 3 per record.
          11_000);

  private final Publisher publisher;
  private final EngagementReader engagement;
  private final FollowerReader followers;

  /** With a 30 s request timeout. */
  public BlueskyConnector(OutboundPolicy policy, Clock clock) {
    this(
        HttpClient.newBuilder()
            // h2c upgrade requests on plain http make some servers drop the connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build(),
        policy,
        clock,
        Duration.ofSeconds(30));
  }

  public BlueskyConnector(HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout) {
    Xrpc xrpc = new Xrpc(http, policy, timeout);
    BlueskyApi api = new BlueskyApi(xrpc, new Sessions(xrpc, clock));
    this.publisher = new Publisher(api, clock);
    this.engagement = new EngagementReader(api, clock);
    this.followers = new FollowerReader(api, clock);
  }

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    try {
      return publisher.publish(account, post);
    } catch (OutboundPolicy.RefusedHostException e) {
      return new PublishResult.Rejected(
          e.getMessage(),
          "Connect the channel to a public Bluesky server (https://bsky.social).",
          false);
    }
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    return publisher.find(account, post);
  }

  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    try {
      return engagement.read(account, request);
    } catch (RuntimeException e) {
      return new SyncPage(List.of(), request.cursor(), false, failure(e));
    }
  }

  @Override
  public FollowerPage followers(Account account, String cursor) {
    try {
      return followers.read(account, cursor);
    } catch (RuntimeException e) {
      return new FollowerPage(List.of(), cursor, failure(e));
    }
  }

  private static SyncPage.SyncFailure failure(RuntimeException e) {
    if (e instanceof SessionFailure f) {
      return new SyncPage.SyncFailure(f.getMessage(), f.reconnect(), f.retryAfter());
    }
    if (e instanceof Xrpc.TransportFailure f) {
      return new SyncPage.SyncFailure(
          "Bluesky could not be reached: " + f.getMessage(), false, null);
    }
    if (e instanceof OutboundPolicy.RefusedHostException) {
      return new SyncPage.SyncFailure(e.getMessage(), false, null);
    }
    throw e;
  }
}
