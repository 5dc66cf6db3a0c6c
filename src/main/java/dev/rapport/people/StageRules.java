package dev.rapport.people;

/**
 * The stage rules of docs/people.md as plain code: the highest stage whose rule a person meets.
 * Free of storage so that batch jobs use the same definition.
 */
public final class StageRules {

  /** Distinct weeks with an interaction, of the last {@link #REGULAR_WINDOW_WEEKS}. */
  public static final int REGULAR_MIN_WEEKS = 3;

  public static final int REGULAR_WINDOW_WEEKS = 12;

  /** Reposts, quotes and mentions in the last {@link #ADVOCATE_WINDOW_DAYS} days. */
  public static final int ADVOCATE_MIN_AMPLIFICATIONS = 3;

  public static final int ADVOCATE_WINDOW_DAYS = 90;

  private StageRules() {}

  /**
   * What the rules know about one person, over all of its identities.
   *
   * @param follows follows at least one of the workspace's channels now
   * @param interactions interactions ever
   * @param activeWeeks distinct weeks with an interaction among the last 12 (this one included)
   * @param amplifications reposts, quotes and mentions in the last 90 days
   * @param replies replies in the last 90 days
   * @param bought a conversion attributed to the person or a purchase in the ledger
   */
  public record Facts(
      boolean follows,
      long interactions,
      int activeWeeks,
      long amplifications,
      long replies,
      boolean bought) {}

  /** A stage with the rule that gave it, in plain words. */
  public record Decision(Stage stage, String reason) {}

  public static Decision decide(Facts f) {
    if (f.bought()) {
      return new Decision(Stage.CUSTOMER, "bought");
    }
    boolean regular = f.activeWeeks() >= REGULAR_MIN_WEEKS;
    if (f.amplifications() >= ADVOCATE_MIN_AMPLIFICATIONS) {
      return new Decision(
          Stage.ADVOCATE,
          f.amplifications() + " reposts, quotes or mentions in " + ADVOCATE_WINDOW_DAYS + " days");
    }
    if (regular && f.replies() > 0) {
      return new Decision(Stage.ADVOCATE, "a regular who replies");
    }
    if (regular) {
      return new Decision(
          Stage.REGULAR,
          "engaged in " + f.activeWeeks() + " of the last " + REGULAR_WINDOW_WEEKS + " weeks");
    }
    if (f.interactions() > 0) {
      return new Decision(Stage.ENGAGER, "has engaged");
    }
    if (f.follows()) {
      return new Decision(Stage.FOLLOWER, "follows");
    }
    return new Decision(Stage.STRANGER, "no follow, no engagement");
  }
}
