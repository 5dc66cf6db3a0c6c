package dev.rapport.content.quality;

/**
 * One plain-words lesson from the brand's own history.
 *
 * @param feature what was compared, e.g. {@code concrete_number}
 * @param statement the sentence to show
 * @param ratio median engagement with the feature / without it
 * @param postsWith how many posts had it
 * @param postsWithout how many did not
 */
public record Insight(
    String feature, String statement, double ratio, int postsWith, int postsWithout) {}
