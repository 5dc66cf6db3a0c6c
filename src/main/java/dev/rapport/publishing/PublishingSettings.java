package dev.rapport.publishing;

import java.util.EnumSet;
import java.util.Set;

/**
 * How one workspace reviews and gates its posts.
 *
 * @param requiresApproval posts must be approved before they are scheduled, and nobody approves
 *     their own post
 * @param gates the gates that are on
 * @param rubricBar the least rubric score (0–100) the rubric gate accepts
 * @param maxPerDay the frequency cap: scheduled or published posts per channel and local day
 * @param linkBase the public address of this Rapport's short links (e.g. {@code
 *     https://go.example.com}); tracked links are written as {@code linkBase/l/CODE}; null when not
 *     set, and then untracked links cannot be replaced automatically
 */
public record PublishingSettings(
    boolean requiresApproval, Set<Gate> gates, int rubricBar, int maxPerDay, String linkBase) {

  /** Every gate on, no approval step, a rubric bar of 50 and three posts a day per channel. */
  public static final PublishingSettings DEFAULT =
      new PublishingSettings(false, EnumSet.allOf(Gate.class), 50, 3, null);

  public PublishingSettings {
    gates = gates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(gates));
    if (rubricBar < 0 || rubricBar > 100) {
      throw new IllegalArgumentException("the rubric bar is a score 0-100, got " + rubricBar);
    }
    if (maxPerDay < 1) {
      throw new IllegalArgumentException("the posts-per-day cap must be at least 1");
    }
    if (linkBase != null) {
      linkBase = linkBase.strip();
      while (linkBase.endsWith("/")) {
        linkBase = linkBase.substring(0, linkBase.length() - 1);
      }
      if (!linkBase.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
        throw new IllegalArgumentException(
            "the short-link address must be an http(s) address like https://go.example.com");
      }
    }
  }

  public boolean on(Gate gate) {
    return gates.contains(gate);
  }
}
