package dev.rapport.publishing.dispatch;

import dev.rapport.content.PostState;
import dev.rapport.workspace.Platform;
import java.time.Instant;

/**
 * A variant that did not publish, or whose publishing Rapport could not confirm, as the app lists
 * it.
 *
 * @param state {@link PostState#FAILED} or {@link PostState#UNCONFIRMED}
 * @param message what happened, in the user's words
 * @param action what to do about it
 * @param at when dispatch gave up or stopped to ask
 */
public record DispatchFailure(
    long variantId,
    long postId,
    long channelId,
    Platform platform,
    String handle,
    PostState state,
    String message,
    String action,
    Instant scheduledAt,
    Instant at) {}
