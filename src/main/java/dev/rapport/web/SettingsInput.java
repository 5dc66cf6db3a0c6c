package dev.rapport.web;

import dev.rapport.publishing.Gate;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Slot;
import dev.rapport.workspace.TargetAudience;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the values of the settings forms and of the workspace API, field by field, before anything
 * is written: each refusal names its field ({@link Invalid}).
 */
final class SettingsInput {

  static final int MAX_NAME = 100;
  static final int MAX_DESCRIPTION = 2_000;
  static final int MAX_LIST = 50;
  static final int MAX_POSTS_PER_WEEK = 100;
  static final int MAX_SLOTS = 100;

  private SettingsInput() {}

  static String name(String raw) {
    String n = raw == null ? "" : raw.strip();
    if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
      throw Invalid.field(
          "name", "Give the workspace a name of 1 to " + MAX_NAME + " characters on one line.");
    }
    return n;
  }

  static ZoneId zone(String raw) {
    try {
      return ZoneId.of(raw == null ? "" : raw.strip());
    } catch (DateTimeException e) {
      throw Invalid.field(
          "timeZone",
          "'"
              + (raw == null ? "" : raw.strip())
              + "' is not a time zone. Write one such as Europe/Paris, America/New_York or UTC.");
    }
  }

  static TargetAudience audience(
      String description, List<String> topics, List<String> languages, List<String> places) {
    String d = description == null ? "" : description.strip();
    if (d.length() > MAX_DESCRIPTION) {
      throw Invalid.field(
          "description",
          "The description holds at most "
              + String.format("%,d", MAX_DESCRIPTION)
              + " characters.");
    }
    return new TargetAudience(
        d, list("topics", topics), list("languages", languages), list("places", places));
  }

  /** A comma-separated form field as a list. */
  static List<String> split(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    return Arrays.stream(raw.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> list(String field, List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      String s = v == null ? "" : v.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.length() > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
        throw Invalid.field(
            field,
            "Each of the " + field + " holds at most " + MAX_NAME + " characters on one line.");
      }
      out.add(s);
    }
    if (out.size() > MAX_LIST) {
      throw Invalid.field(
          field, "List at most " + MAX_LIST + " " + field + ", separated by commas.");
    }
    return out;
  }

  static Integer postsPerWeek(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= 0 && n <= MAX_POSTS_PER_WEEK) {
        return n == 0 ? null : n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw Invalid.field(
        "postsPerWeek",
        "Posts per week is a whole number from 0 (no plan) to "
            + MAX_POSTS_PER_WEEK
            + ", not '"
            + raw.strip()
            + "'.");
  }

  /** Slots such as "mon 09:00, wed 12:30" (commas or new lines between them). */
  static List<Slot> slots(String raw) {
    List<String> parts = split(raw);
    if (parts.size() > MAX_SLOTS) {
      throw Invalid.field(
          "slots",
          "A channel has at most " + MAX_SLOTS + " slots a week; this is " + parts.size() + ".");
    }
    List<Slot> out = new ArrayList<>();
    for (String p : parts) {
      try {
        out.add(Slot.parse(p));
      } catch (IllegalArgumentException e) {
        throw Invalid.field(
            "slots",
            "'"
                + p
                + "' is not a weekly slot: "
                + e.getMessage()
                + ". Write a day and a 24-hour time, such as thu 10:00, with commas between"
                + " slots.");
      }
    }
    return out.stream().distinct().sorted().toList();
  }

  static PublishingSettings publishing(
      boolean requiresApproval,
      List<String> gateCodes,
      String rubricBar,
      String maxPerDay,
      String linkBase) {
    Refusals.Checks checks = new Refusals.Checks();
    Set<Gate> gates = checks.check(() -> gates(gateCodes));
    Integer bar =
        checks.check(() -> whole("rubricBar", "The least rubric score", rubricBar, 0, 100));
    Integer cap =
        checks.check(() -> whole("maxPerDay", "Posts per channel and day", maxPerDay, 1, 100));
    String base = linkBase == null || linkBase.isBlank() ? null : linkBase.strip();
    checks.check(() -> linkBase(base));
    checks.done();
    return new PublishingSettings(requiresApproval, gates, bar, cap, base);
  }

  private static Set<Gate> gates(List<String> codes) {
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    for (String code : codes) {
      try {
        gates.add(Gate.fromCode(code));
      } catch (IllegalArgumentException e) {
        throw Invalid.field("gates", "There is no such gate: " + e.getMessage() + ".");
      }
    }
    return gates;
  }

  private static String linkBase(String base) {
    try {
      new PublishingSettings(false, Set.of(), 0, 1, base);
      return base;
    } catch (IllegalArgumentException e) {
      throw Invalid.field(
          "linkBase",
          "'"
              + base
              + "' is not a short-link address. Write a web address such as"
              + " https://go.example.com, or leave it empty.");
    }
  }

  /**
   * A whole number from {@code min} to {@code max}.
   *
   * @param label what the field is called on the page, e.g. "The least rubric score"
   */
  static int whole(String field, String label, String raw, int min, int max) {
    try {
      int n = Integer.parseInt(raw == null ? "" : raw.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw Invalid.field(
        field,
        label
            + " is a whole number from "
            + min
            + " to "
            + max
            + (raw == null || raw.isBlank() ? "." : ", not '" + raw.strip() + "'."));
  }
}
