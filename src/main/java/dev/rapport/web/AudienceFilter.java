package dev.rapport.web;

import dev.rapport.authenticity.Category;
import dev.rapport.workspace.Platform;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which accounts the suspicious list shows: {@code category} is a verdict code or {@code flagged}
 * (suspicious and self-declared bots, the default); {@code platform} is a platform code or absent.
 */
record AudienceFilter(String category, Set<Category> categories, Platform platform) {

  static final String FLAGGED = "flagged";

  static AudienceFilter of(Context ctx) {
    return parse(Requests.query(ctx, "category"), Requests.query(ctx, "platform"));
  }

  static AudienceFilter parse(String category, String platform) {
    String code = category == null ? FLAGGED : category.toLowerCase(Locale.ROOT);
    Set<Category> categories;
    if (code.equals(FLAGGED)) {
      categories = EnumSet.of(Category.SUSPICIOUS, Category.SELF_DECLARED_BOT);
    } else {
      Category c =
          Verdicts.parse(code)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "There is no verdict '"
                              + category
                              + "'. Show the suspicious accounts and bots, or those judged "
                              + Verdicts.labels()
                              + "."));
      categories = EnumSet.of(c);
      code = c.code();
    }
    Platform p = null;
    if (platform != null) {
      p = Platform.fromCode(platform);
    }
    return new AudienceFilter(code, Set.copyOf(categories), p);
  }

  /** The filter as a query string (without '?'), for links that keep it. */
  String query() {
    return "category=" + category + (platform == null ? "" : "&platform=" + platform.code());
  }
}
