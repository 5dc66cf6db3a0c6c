package dev.rapport.web.view;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Numbers as people read them: "12,480", "3.4%". Undefined values (NaN, a rate over nobody) are
 * "—"; pages put the reason beside it. Dates are {@link Dates}'. Thread-safe.
 */
public final class Figures {

  public static final String UNDEFINED = "—";
  private static final Locale LOCALE = Locale.UK;

  private Figures() {}

  public static String count(long n) {
    return NumberFormat.getIntegerInstance(LOCALE).format(n);
  }

  public static boolean undefined(double v) {
    return Double.isNaN(v) || Double.isInfinite(v);
  }

  /** A share or rate (0.034) as a percentage ("3.4%"); tiny non-zero shares show as "<0.1%". */
  public static String percent(double share) {
    if (undefined(share)) {
      return UNDEFINED;
    }
    double pct = share * 100;
    if (pct > 0 && pct < 0.05) {
      return "<0.1%";
    }
    return String.format(LOCALE, "%,.1f%%", pct);
  }

  /** A 0–100 score as a whole number. */
  public static String score(double score) {
    return undefined(score) ? UNDEFINED : String.valueOf(Math.round(score));
  }
}
