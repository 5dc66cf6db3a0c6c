package dev.rapport.publishing.dispatch;

import java.time.Instant;

/**
 * One thing dispatch did with a variant, in words the user reads.
 *
 * @param kind a stable code: published, rejected, retry, unknown, found, not_found, cannot_tell,
 *     missed, late, recovered, not_connected, no_connector, retried_by_user
 */
public record DispatchEvent(long variantId, Instant at, String kind, String message) {}
