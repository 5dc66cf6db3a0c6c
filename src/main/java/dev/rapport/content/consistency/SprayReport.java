package dev.rapport.content.consistency;

import java.util.List;

/**
 * The spray-and-pray check of one channel.
 *
 * @param windows oldest first; the last is the latest
 * @param marginalEngagement engagement each extra post added in the latest window against the
 *     earlier mean (NaN when volume did not rise)
 */
public record SprayReport(
    String channel,
    List<WindowStats> windows,
    double marginalEngagement,
    List<SprayWarning> warnings) {

  public SprayReport {
    windows = List.copyOf(windows);
    warnings = List.copyOf(warnings);
  }
}
