package dev.rapport.web;

import dev.rapport.publishing.Refused;
import dev.rapport.web.view.TypedForm;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a refused form post into the same page shown again as typed ({@link TypedForm}), the way
 * the composer keeps its form: 400 for a bad value, 409 for a conflict with what is stored. Other
 * refusals (403, 404) stay error pages.
 */
final class Refusals {

  /** Never echoed back into a page: the CSRF token is the page's own, secrets are retyped. */
  private static final Set<String> NOT_KEPT =
      Set.of(Guard.CSRF_FIELD, "secret", "password", "current", "confirm");

  private Refusals() {}

  /** Whether the page can show {@code e} next to the form, rather than an error page. */
  static boolean shownOnForm(RuntimeException e) {
    return e instanceof IllegalArgumentException
        || e instanceof ConflictResponse
        || e instanceof Refused;
  }

  static int status(RuntimeException e) {
    return e instanceof ConflictResponse || e instanceof Refused ? 409 : 400;
  }

  /** The form {@code form} in {@code section} as sent, with the reasons of {@code e}. */
  static TypedForm of(Context ctx, String form, String section, RuntimeException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (e instanceof Invalid invalid && !invalid.fields().isEmpty()) {
      invalid.fields().forEach(f -> errors.putIfAbsent(f.field(), f.detail()));
    } else {
      errors.put("form", e.getMessage());
    }
    Map<String, List<String>> typed = new LinkedHashMap<>();
    ctx.formParamMap()
        .forEach(
            (name, values) -> {
              if (!NOT_KEPT.contains(name)) {
                typed.put(name, List.copyOf(values));
              }
            });
    return new TypedForm(form, section, typed, errors);
  }

  /**
   * Checks several fields and reports every bad one at once, so that a person fixes them in one go.
   */
  static final class Checks {
    private final List<Invalid.Field> problems = new ArrayList<>();

    /** The parsed value, or null when it is refused (the reason is kept). */
    <T> T check(Supplier<T> parse) {
      try {
        return parse.get();
      } catch (Invalid e) {
        problems.addAll(e.fields());
        return null;
      }
    }

    /** Throws the reasons gathered, if any. */
    void done() {
      if (!problems.isEmpty()) {
        throw new Invalid(
            String.join(" ", problems.stream().map(Invalid.Field::detail).toList()), problems);
      }
    }
  }
}
