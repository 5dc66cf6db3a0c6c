package dev.rapport.web.view;

import java.util.List;
import java.util.Map;

/**
 * A form the server refused, shown again as the person typed it, with the reasons next to the
 * fields: nothing they wrote is lost. The page's other forms keep showing the stored values.
 *
 * @param form which form of the page was refused (e.g. {@code workspace}, {@code plan-3}); empty
 *     when none was
 * @param section the page section holding it, for the summary's link
 * @param typed the fields as sent, by name (never a password or a credential)
 * @param errors the reasons by field name; {@code form} for a reason about the whole form
 */
public record TypedForm(
    String form, String section, Map<String, List<String>> typed, Map<String, String> errors) {

  /** No form was refused: every form shows the stored values. */
  public static final TypedForm NONE = new TypedForm("", "", Map.of(), Map.of());

  public TypedForm {
    typed = Map.copyOf(typed);
    errors = Map.copyOf(errors);
  }

  public boolean refused() {
    return !form.isEmpty();
  }

  public boolean is(String name) {
    return form.equals(name);
  }

  /** What was typed in {@code field} of the refused form {@code name}; else the stored value. */
  public String value(String name, String field, String stored) {
    if (!is(name)) {
      return stored;
    }
    List<String> v = typed.get(field);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** Whether a checkbox or an option {@code value} of {@code field} is on, as typed or stored. */
  public boolean on(String name, String field, String value, boolean stored) {
    if (!is(name)) {
      return stored;
    }
    return typed.getOrDefault(field, List.of()).contains(value);
  }

  /** The reason {@code field} of form {@code name} was refused, or null. */
  public String error(String name, String field) {
    return is(name) ? errors.get(field) : null;
  }

  public boolean hasError(String name, String field) {
    return error(name, field) != null;
  }

  /** The first reason, for the summary at the top of the page. */
  public String first() {
    return errors.containsKey("form")
        ? errors.get("form")
        : errors.values().stream().findFirst().orElse("");
  }
}
