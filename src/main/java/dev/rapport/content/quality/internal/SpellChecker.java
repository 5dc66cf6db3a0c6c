package dev.rapport.content.quality.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.speller.Speller;
import morfologik.stemming.Dictionary;

/**
 * Dictionary spelling: a word is misspelt when every dictionary rejects it. Dictionaries are loaded
 * once per set (about 0.7 s each) and shared; Morfologik spellers are not thread-safe, so each
 * thread gets its own over the shared immutable dictionaries. Thread-safe.
 */
final class SpellChecker {

  private static final Map<List<String>, SpellChecker> LOADED = new ConcurrentHashMap<>();

  private final List<Dictionary> dictionaries;
  private final ThreadLocal<List<Speller>> spellers;

  private SpellChecker(List<Dictionary> dictionaries) {
    this.dictionaries = List.copyOf(dictionaries);
    this.spellers =
        ThreadLocal.withInitial(() -> this.dictionaries.stream().map(d -> new Speller(d)).toList());
  }

  static SpellChecker of(List<String> resources) {
    return LOADED.computeIfAbsent(List.copyOf(resources), SpellChecker::load);
  }

  private static SpellChecker load(List<String> resources) {
    List<Dictionary> dictionaries = new ArrayList<>();
    for (String resource : resources) {
      URL url = SpellChecker.class.getResource(resource);
      if (url == null) {
        throw new IllegalStateException("missing spelling dictionary " + resource);
      }
      try {
        dictionaries.add(Dictionary.read(url));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spelling dictionary " + resource, e);
      }
    }
    return new SpellChecker(dictionaries);
  }

  boolean enabled() {
    return !dictionaries.isEmpty();
  }

  /** True when every dictionary rejects the word (false when there are no dictionaries). */
  boolean isMisspelt(String word) {
    List<Speller> all = spellers.get();
    if (all.isEmpty()) {
      return false;
    }
    for (Speller speller : all) {
      if (!speller.isMisspelled(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Up to {@code max} replacements from the first dictionary, best first. Slow: not per keystroke.
   */
  List<String> suggestions(String word, int max) {
    List<Speller> all = spellers.get();
    if (all.isEmpty()) {
      return List.of();
    }
    List<String> replacements = all.get(0).findReplacements(word);
    return List.copyOf(replacements.subList(0, Math.min(max, replacements.size())));
  }
}
