package dev.rapport.publishing;

import java.time.Instant;

/**
 * The quality gates a variant passes before it may be scheduled, and the workspace settings that
 * switch them on and set their thresholds. Thread-safe.
 */
public interface Gates {

  PublishingSettings settings(long workspaceId);

  /** Only managers and owners change the settings. */
  void update(long actor, long workspaceId, PublishingSettings settings);

  /**
   * Every gate's verdict on a variant if it were published at {@code at} (the frequency cap counts
   * that local day).
   */
  GateReport check(long workspaceId, long variantId, Instant at);

  /**
   * Replaces every untracked link in the variant's text by a new tracked link of this post and
   * channel (UTM source = platform, medium = social, campaign = post-ID). Needs the workspace's
   * short-link address ({@link PublishingSettings#linkBase()}).
   */
  LinkTracking trackLinks(long actor, long workspaceId, long variantId);

  /** The links a {@link #trackLinks} call replaced: original address → tracked address. */
  record LinkTracking(long variantId, java.util.Map<String, String> replaced) {
    public LinkTracking {
      replaced = java.util.Map.copyOf(replaced);
    }
  }
}
