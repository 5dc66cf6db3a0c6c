package dev.rapport.content.quality;

import java.util.List;

/**
 * What a workspace's own history says, from what is stored: the insights that held up over its
 * published posts (and their authentic engagement), and the best times to post per channel. What
 * {@code rapport insights}, {@code rapport report} and the API show. Thread-safe.
 */
public interface BrandLessons {

  Lessons of(long workspaceId);

  /**
   * @param whatWorked the fitted insights, or why the history is too thin to say anything
   * @param bestTimes per channel, with where the ranking comes from
   */
  record Lessons(int posts, WhatWorked whatWorked, List<ChannelTimes> bestTimes) {

    public Lessons {
      bestTimes = List.copyOf(bestTimes);
    }

    /** The lessons as plain data (for JSON): the insights, or why there are none. */
    public Summary summary() {
      if (whatWorked instanceof WhatWorked.Learned learned) {
        return new Summary(posts, null, learned.insights(), bestTimes);
      }
      WhatWorked.TooThin thin = (WhatWorked.TooThin) whatWorked;
      return new Summary(posts, thin.reason(), List.of(), bestTimes);
    }
  }

  /**
   * @param tooThin why the history says nothing yet, or null when insights were learned
   */
  record Summary(int posts, String tooThin, List<Insight> insights, List<ChannelTimes> bestTimes) {}

  /** The best times of one channel. */
  record ChannelTimes(long channelId, String platform, String handle, BestTimes times) {}
}
