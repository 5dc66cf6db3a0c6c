package dev.rapport.people;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The focus-list rules of docs/people.md as plain code: which reasons a person has today and how
 * they rank. Only authentic persons get reasons: the list is about real people.
 */
public final class FocusRules {

  /**
   * An unanswered message older than this is too late to answer well: it leaves the list (it still
   * counts as waiting in the response time). The newest unanswered message decides.
   */
  public static final int UNANSWERED_WINDOW_DAYS = 30;

  /** Days of clicks and replies that make someone "close to buying". */
  public static final int BUYING_WINDOW_DAYS = 14;

  /** Days of reposts, quotes and mentions to thank for. */
  public static final int THANKS_WINDOW_DAYS = 30;

  /** A reason settled by the brand stays off the list this long (answers settle for good). */
  public static final int SETTLED_DAYS = 30;

  /** Weeks of silence (the current one included) that make a regular "slipping". */
  public static final int SILENT_WEEKS = 5;

  /** Weeks before the silence in which a slipping regular engaged at least 3 times. */
  public static final int BEFORE_WEEKS = 12;

  public static final int SLIPPING_MIN_WEEKS = 3;

  /** Share of each further reason's score added to the strongest one. */
  public static final double OTHER_REASONS_SHARE = 0.1;

  private FocusRules() {}

  /**
   * Unanswered replies and mentions on one channel.
   *
   * @param since the oldest unanswered one
   * @param lastAsked the newest reply or mention
   */
  public record Waiting(Long channelId, String channel, Instant since, Instant lastAsked) {}

  /**
   * What the rules know about one person today.
   *
   * @param waiting unanswered replies and mentions, oldest per channel
   * @param clicks link clicks in the last 14 days
   * @param replies replies in the last 14 days
   * @param weeksBefore distinct weeks with an interaction among the 12 before the silent weeks
   * @param silent no interaction in the last 5 weeks (the current one and the 4 before)
   * @param amplifications reposts, quotes and mentions in the last 30 days
   * @param settled reasons the brand settled in the last 30 days
   */
  public record Facts(
      boolean authentic,
      Stage stage,
      List<Waiting> waiting,
      long clicks,
      long replies,
      int weeksBefore,
      boolean silent,
      long amplifications,
      Set<FocusKind> settled) {}

  /** The person's reasons today, strongest first; empty when there is nothing to do. */
  public static List<FocusReason> reasons(Facts f, Instant asOf) {
    List<FocusReason> out = new ArrayList<>();
    if (!f.authentic()) {
      return out;
    }
    Instant recent = asOf.minus(Duration.ofDays(UNANSWERED_WINDOW_DAYS));
    List<Waiting> open = f.waiting().stream().filter(w -> !w.lastAsked().isBefore(recent)).toList();
    open.stream()
        .min(Comparator.comparing(Waiting::since))
        .ifPresent(
            w -> {
              double days = Duration.between(w.since(), asOf).toMinutes() / 1440.0;
              out.add(
                  new FocusReason(
                      FocusKind.UNANSWERED,
                      "has waited "
                          + ago(w.since(), asOf)
                          + " for an answer on "
                          + w.channel()
                          + (open.size() > 1
                              ? " (and on " + (open.size() - 1) + " more channel(s))"
                              : ""),
                      60 + Math.min(40, 5 * Math.max(0, days)),
                      w.channelId(),
                      w.since()));
            });
    if (f.clicks() > 0
        && f.stage() != Stage.CUSTOMER
        && !f.settled().contains(FocusKind.CLOSE_TO_BUYING)) {
      out.add(
          new FocusReason(
              FocusKind.CLOSE_TO_BUYING,
              "clicked your links "
                  + times(f.clicks())
                  + " in "
                  + BUYING_WINDOW_DAYS
                  + " days"
                  + (f.replies() > 0 ? " and talked to you" : "")
                  + ", has not bought yet",
              50 + Math.min(30, 10 * f.clicks()) + (f.replies() > 0 ? 10 : 0),
              null,
              null));
    }
    if (f.silent()
        && f.weeksBefore() >= SLIPPING_MIN_WEEKS
        && !f.settled().contains(FocusKind.SLIPPING)) {
      out.add(
          new FocusReason(
              FocusKind.SLIPPING,
              "engaged in "
                  + f.weeksBefore()
                  + " of "
                  + BEFORE_WEEKS
                  + " weeks, silent for the last "
                  + (SILENT_WEEKS - 1)
                  + " weeks",
              40 + Math.min(30, 5 * f.weeksBefore()),
              null,
              null));
    }
    if (f.amplifications() > 0
        && (f.stage() == Stage.ADVOCATE || f.amplifications() >= 3)
        && !f.settled().contains(FocusKind.THANK_ADVOCATE)) {
      out.add(
          new FocusReason(
              FocusKind.THANK_ADVOCATE,
              "shared or mentioned you " + times(f.amplifications()) + " in 30 days: say thanks",
              30 + Math.min(30, 5 * f.amplifications()),
              null,
              null));
    }
    out.sort(Comparator.comparingDouble(FocusReason::score).reversed());
    return out;
  }

  /** The strongest reason's score plus a tenth of each other reason's. */
  public static double score(List<FocusReason> reasons) {
    double s = 0;
    for (int i = 0; i < reasons.size(); i++) {
      s += (i == 0 ? 1 : OTHER_REASONS_SHARE) * reasons.get(i).score();
    }
    return s;
  }

  private static String times(long n) {
    return n == 1 ? "once" : n + " times";
  }

  static String ago(Instant since, Instant asOf) {
    Duration d = Duration.between(since, asOf);
    if (d.toDays() >= 1) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return Math.max(0, d.toMinutes()) + " minutes";
  }

  /** A reason in one line of text, as the list stores it. */
  public static String encode(List<FocusReason> reasons) {
    StringBuilder b = new StringBuilder();
    for (FocusReason r : reasons) {
      b.append(r.kind().code())
          .append('\t')
          .append(r.channelId() == null ? "" : r.channelId())
          .append('\t')
          .append(r.since() == null ? "" : r.since().toString())
          .append('\t')
          .append(String.format(Locale.ROOT, "%.4f", r.score()))
          .append('\t')
          .append(r.words().replace('\t', ' ').replace('\n', ' '))
          .append('\n');
    }
    return b.toString();
  }

  public static List<FocusReason> decode(String text) {
    List<FocusReason> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split("\t", 5);
      out.add(
          new FocusReason(
              FocusKind.fromCode(p[0]),
              p[4],
              Double.parseDouble(p[3]),
              p[1].isEmpty() ? null : Long.parseLong(p[1]),
              p[2].isEmpty() ? null : Instant.parse(p[2])));
    }
    return out;
  }
}
