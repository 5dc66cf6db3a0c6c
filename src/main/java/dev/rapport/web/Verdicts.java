package dev.rapport.web;

import dev.rapport.authenticity.Category;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verdicts as filters take them: by code ({@code real_person}) or by the label the pages show
 * ("real person"), so that a refusal can name the verdicts the way people see them.
 */
final class Verdicts {

  private Verdicts() {}

  static Optional<Category> parse(String raw) {
    String v = normal(raw);
    return Arrays.stream(Category.values())
        .filter(c -> normal(c.code()).equals(v) || normal(c.label()).equals(v))
        .findFirst();
  }

  /** "real person, influencer/brand, … or unknown": the labels the pages use. */
  static String labels() {
    List<String> all = Arrays.stream(Category.values()).map(Category::label).toList();
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
  }

  /** The refusal of a verdict nobody has, in plain words. */
  static String unknown(String raw) {
    return "There is no verdict '" + raw + "'. The verdicts are " + labels() + ".";
  }

  private static String normal(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
  }
}
