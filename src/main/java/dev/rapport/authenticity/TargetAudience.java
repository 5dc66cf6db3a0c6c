package dev.rapport.authenticity;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The audience a workspace aims at. A profile matches when, for every dimension that is declared,
 * it matches one of the values: a topic is a word that starts a word of the bio or display name
 * ("bak" and "baker" both match "Bakery owner"); a language matches the profile language by its
 * primary subtag ("fr" matches "fr-CA"); a place is a word or phrase inside the location. All
 * comparisons ignore case and accents. A profile that lacks the field a declared dimension needs
 * cannot be judged and is left out of the target-fit share. Immutable and thread-safe.
 */
public record TargetAudience(List<String> topics, List<String> languages, List<String> places) {

  /** The outcome of matching one profile. */
  public enum Fit {
    MATCH,
    NO_MATCH,
    UNKNOWN
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  public TargetAudience {
    topics = topics.stream().map(TargetAudience::fold).filter(s -> !s.isEmpty()).toList();
    languages = languages.stream().map(TargetAudience::primary).filter(s -> !s.isEmpty()).toList();
    places = places.stream().map(TargetAudience::fold).filter(s -> !s.isEmpty()).toList();
  }

  public static TargetAudience none() {
    return new TargetAudience(List.of(), List.of(), List.of());
  }

  public boolean declared() {
    return !topics.isEmpty() || !languages.isEmpty() || !places.isEmpty();
  }

  public Fit fit(ProfileSnapshot p) {
    boolean unknown = false;
    if (!topics.isEmpty()) {
      if (p.bio() == null && p.displayName() == null) {
        unknown = true;
      } else if (!anyTopic(fold(nz(p.bio()) + " " + nz(p.displayName())))) {
        return Fit.NO_MATCH;
      }
    }
    if (!languages.isEmpty()) {
      if (p.language() == null || p.language().isBlank()) {
        unknown = true;
      } else if (!languages.contains(primary(p.language()))) {
        return Fit.NO_MATCH;
      }
    }
    if (!places.isEmpty()) {
      if (p.location() == null || p.location().isBlank()) {
        unknown = true;
      } else if (!anyPlace(" " + fold(p.location()) + " ")) {
        return Fit.NO_MATCH;
      }
    }
    return unknown ? Fit.UNKNOWN : Fit.MATCH;
  }

  private boolean anyTopic(String text) {
    for (String word : text.split("[^\\p{L}\\p{N}]+")) {
      for (String t : topics) {
        if (!word.isEmpty() && word.startsWith(t)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean anyPlace(String location) {
    String spaced = location.replaceAll("[^\\p{L}\\p{N}]+", " ");
    for (String place : places) {
      if (spaced.contains(" " + place.replaceAll("[^\\p{L}\\p{N}]+", " ") + " ")) {
        return true;
      }
    }
    return false;
  }

  static String fold(String s) {
    String n = Normalizer.normalize(s.strip(), Normalizer.Form.NFD);
    return MARKS.matcher(n).replaceAll("").toLowerCase(Locale.ROOT);
  }

  private static String primary(String lang) {
    String l = lang.strip().toLowerCase(Locale.ROOT);
    int dash = l.indexOf('-') >= 0 ? l.indexOf('-') : l.indexOf('_');
    return dash > 0 ? l.substring(0, dash) : l;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Parses a comma-separated list, e.g. {@code "Lyon, Villeurbanne"}. */
  public static List<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Set.copyOf(List.of(csv.split(","))).stream().map(String::strip).sorted().toList();
  }
}
