package dev.rapport.publishing.internal;

import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Platform;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything the gates look at for one variant, stored or not yet (a CSV row).
 *
 * @param siblings the other channels' variants of the same post
 * @param sameDay scheduled or published variants of this channel on {@code day}, this one excluded
 * @param trackedCodes the short codes in the text that are tracked links of this workspace
 */
record Candidate(
    long variantId,
    Platform platform,
    String text,
    List<VariantMedia> media,
    List<Sibling> siblings,
    LocalDate day,
    int sameDay,
    Set<String> trackedCodes) {

  /** Another channel's variant of the same post. */
  record Sibling(long variantId, String channel, String text) {}
}
