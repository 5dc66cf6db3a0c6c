package dev.rapport.platforms;

import dev.rapport.content.quality.MediaKind;
import java.time.Duration;
import java.util.Set;

/**
 * What a platform accepts and how hard it may be driven.
 *
 * @param idempotencyKeys the platform de-duplicates creates by a client key (Mastodon)
 * @param replies the connector can reply to a person's reply or mention
 * @param maxTextLength the platform's text limit, in its own unit
 * @param maxMedia attachments per post
 * @param mediaKinds the media the platform takes
 * @param mediaRequired a post needs at least one attachment (Instagram)
 * @param maxConcurrent parallel calls Rapport makes per account
 * @param minInterval the least time between two publishes on one account (a documented limit or a
 *     polite pace)
 * @param postsPerDay the platform's publishing limit per account and 24 hours, or 0 for none
 */
public record Capabilities(
    boolean idempotencyKeys,
    boolean replies,
    int maxTextLength,
    int maxMedia,
    Set<MediaKind> mediaKinds,
    boolean mediaRequired,
    int maxConcurrent,
    Duration minInterval,
    int postsPerDay) {

  public Capabilities {
    mediaKinds = Set.copyOf(mediaKinds);
  }
}
