package dev.rapport.platforms;

import dev.rapport.workspace.Platform;

/**
 * One platform's API, as Rapport uses it: publish (posts, replies, threads), look up what was
 * published when an outcome is unknown, read engagement with the engager's identity, and read
 * followers with their profiles. Implementations are stateless and thread-safe; everything about
 * one brand account travels in the {@link Account}.
 *
 * <p>Connectors never throw for platform behaviour: every outcome, including transport failures, is
 * a value the dispatcher can act on. They throw only for programming errors.
 */
public interface Connector {

  Platform platform();

  Capabilities capabilities();

  /**
   * Publishes one variant (or a reply, when {@link Outgoing#replyTo()} is set). Sends {@link
   * Outgoing#idempotencyKey()} where the platform supports it. Must classify every failure: a
   * failure after the request may have been processed is {@link PublishResult.Unknown}, never
   * {@link PublishResult.Retryable}.
   */
  PublishResult publish(Account account, Outgoing post);

  /**
   * Looks on the platform for a post this variant may already have become (after an unknown
   * outcome): by idempotency key where the platform keeps one, otherwise by text and time among the
   * account's recent posts.
   */
  Lookup find(Account account, Outgoing post);

  /** New engagement since the cursor of the last sync (null on the first), in pages. */
  SyncPage engagement(Account account, SyncRequest request);

  /** One page of the account's followers with their profiles; {@code cursor} null for the first. */
  FollowerPage followers(Account account, String cursor);
}
