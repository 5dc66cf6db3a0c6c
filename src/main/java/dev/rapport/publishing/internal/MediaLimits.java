package dev.rapport.publishing.internal;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Capabilities;
import dev.rapport.workspace.Platform;
import java.util.EnumSet;
import java.util.Set;

/**
 * What media a platform takes in one post. From each platform's publishing documentation (see
 * docs/publishing.md); a connector's {@link Capabilities} replace these when one is installed.
 *
 * @param max attachments per post (0: no limit Rapport knows)
 * @param kinds the media kinds it takes
 * @param videoAlone a video (or GIF) cannot be combined with other attachments
 */
record MediaLimits(int max, Set<MediaKind> kinds, boolean videoAlone) {

  static MediaLimits of(Platform platform) {
    Set<MediaKind> visual = EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.GIF);
    return switch (platform) {
      case X -> new MediaLimits(4, visual, true);
      case BLUESKY -> new MediaLimits(4, visual, true);
      case MASTODON -> new MediaLimits(4, EnumSet.allOf(MediaKind.class), true);
      case INSTAGRAM -> new MediaLimits(10, EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO), false);
      case THREADS -> new MediaLimits(10, EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO), false);
      case LINKEDIN -> new MediaLimits(20, visual, true);
      case FACEBOOK -> new MediaLimits(10, visual, false);
      case NOSTR -> new MediaLimits(0, EnumSet.allOf(MediaKind.class), false);
    };
  }

  static MediaLimits of(Capabilities c, Platform platform) {
    return new MediaLimits(c.maxMedia(), c.mediaKinds(), of(platform).videoAlone());
  }
}
