package dev.rapport.content.consistency;

import java.util.List;

/**
 * Consistency and spray-and-pray for every planned channel of a workspace, from what is stored: the
 * channel's plan (posts per week), its published variants scored by the rubric, the authentic
 * engagement each earned, and what is scheduled. What {@code rapport report}, the API and the
 * dashboard show. Thread-safe.
 */
public interface ConsistencyOverview {

  /** One entry per channel; channels without a plan have no consistency report. */
  List<ChannelStanding> of(long workspaceId);

  /**
   * @param platform the channel's platform code
   * @param consistency null when the channel has no posting plan (nothing to measure against)
   */
  record ChannelStanding(
      long channelId,
      String platform,
      String handle,
      Integer postsPerWeek,
      ConsistencyReport consistency,
      SprayReport spray) {}
}
