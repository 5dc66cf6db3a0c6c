package dev.rapport.content.quality;

import java.util.List;
import java.util.Locale;

/**
 * The result of the time-ordered validation.
 *
 * @param pooled Spearman over the later posts of all pages pooled (bootstrap over pages)
 * @param withinPage mean over pages of the Spearman within each page's later posts
 */
public record ValidationReport(
    int pages,
    int trainPosts,
    int testPosts,
    List<Correlation> pooled,
    List<Correlation> withinPage,
    ValidationSettings settings) {

  /** One model's Spearman correlation with its bootstrap 95% interval (NaN: undefined). */
  public record Correlation(String model, double spearman, double low, double high) {}

  public ValidationReport {
    pooled = List.copyOf(pooled);
    withinPage = List.copyOf(withinPage);
  }

  public Correlation pooled(String model) {
    return pooled.stream().filter(c -> c.model().equals(model)).findFirst().orElseThrow();
  }

  public Correlation withinPage(String model) {
    return withinPage.stream().filter(c -> c.model().equals(model)).findFirst().orElseThrow();
  }

  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d pages; %d earlier posts learnt from, %d later posts predicted.%n%n",
            pages,
            trainPosts,
            testPosts));
    out.append("| model | pooled Spearman [95% CI] | mean within-page Spearman [95% CI] |\n");
    out.append("|---|---|---|\n");
    for (Correlation p : pooled) {
      Correlation w =
          withinPage.stream().filter(c -> c.model().equals(p.model())).findFirst().orElse(null);
      out.append("| ").append(p.model()).append(" | ").append(cell(p)).append(" | ");
      out.append(w == null ? "n/a" : cell(w)).append(" |\n");
    }
    for (Correlation w : withinPage) {
      if (pooled.stream().noneMatch(p -> p.model().equals(w.model()))) {
        out.append("| ").append(w.model()).append(" | n/a | ").append(cell(w)).append(" |\n");
      }
    }
    return out.toString();
  }

  private static String cell(Correlation c) {
    if (Double.isNaN(c.spearman())) {
      return "undefined (constant within a page)";
    }
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.spearman(), c.low(), c.high());
  }
}
