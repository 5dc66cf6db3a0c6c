package dev.rapport.content.consistency;

import dev.rapport.content.consistency.internal.SprayCheck;
import java.time.Clock;
import java.util.List;

/** The spray-and-pray check as a pure computation (definitions in docs/content.md). */
public final class SprayAndPray {

  private SprayAndPray() {}

  /**
   * Checks one channel. {@code allPosts} holds the workspace's posts on every channel (for the
   * cross-post check); {@code audience} the channel's engaged-audience measurements (may be empty).
   */
  public static SprayReport check(
      String channel,
      List<PublishedPost> allPosts,
      List<AudiencePoint> audience,
      Clock clock,
      SpraySettings settings) {
    return SprayCheck.check(channel, allPosts, audience, clock, settings);
  }
}
