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
      throw Invalid.field("name", "'name' must be 1 to " + MAX_NAME + " characters.");
    }
    return n;
  }

  static ZoneId zone(String raw) {
    try {
      return ZoneId.of(raw == null ? "" : raw.strip());
    } catch (DateTimeException e) {
      throw Invalid.field(
          "timeZone", "'timeZone' must be a time zone such as Europe/Paris, not '" + raw + "'.");
    }
  }

  static TargetAudience audience(
      String description, List<String> topics, List<String> languages, List<String> places) {
    String d = description == null ? "" : description.strip();
    if (d.length() > MAX_DESCRIPTION) {
      throw Invalid.field(
          "description", "'description' holds at most " + MAX_DESCRIPTION + " characters.");
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
            field, "Each of '" + field + "' holds at most " + MAX_NAME + " characters.");
      }
      out.add(s);
    }
    if (out.size() > MAX_LIST) {
      throw Invalid.field(field, "'" + field + "' holds at most " + MAX_LIST + " entries.");
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
        "'postsPerWeek' must be a whole number from 0 (no plan) to " + MAX_POSTS_PER_WEEK + ".");
  }

  /** Slots such as "mon 09:00, wed 12:30" (commas or new lines between them). */
  static List<Slot> slots(String raw) {
    List<String> parts = split(raw);
    if (parts.size() > MAX_SLOTS) {
      throw Invalid.field("slots", "At most " + MAX_SLOTS + " slots a week.");
    }
    List<Slot> out = new ArrayList<>();
    for (String p : parts) {
      try {
        out.add(Slot.parse(p));
      } catch (IllegalArgumentException e) {
        throw Invalid.field("slots", "Slot '" + p + "': " + e.getMessage() + ".");
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
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    for (String code : gateCodes) {
      try {
        gates.add(Gate.fromCode(code));
      } catch (IllegalArgumentException e) {
        throw Invalid.field("gates", e.getMessage() + ".");
      }
    }
    int bar = whole("rubricBar", rubricBar, 0, 100);
    int cap = whole("maxPerDay", maxPerDay, 1, 100);
    String base = linkBase == null || linkBase.isBlank() ? null : linkBase.strip();
    try {
      return new PublishingSettings(requiresApproval, gates, bar, cap, base);
    } catch (IllegalArgumentException e) {
      throw Invalid.field("linkBase", e.getMessage() + ".");
    }
  }

  static int whole(String field, String raw, int min, int max) {
    try {
      int n = Integer.parseInt(raw == null ? "" : raw.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw Invalid.field(
        field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
  }
}
