package dev.rapport.content.quality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * A language the rubric can read: its word lists (resources) and a Lucene analyser for the relevant
 * dimension. Adding a language means adding a folder of word lists and naming its analyser.
 * Thread-safe (immutable after construction; Lucene analysers are thread-safe).
 */
public final class ContentLanguage {

  private static final String ROOT = "/dev/rapport/content/quality/words/";

  private final String code;
  private final Analyzer analyzer;
  private final List<String> dictionaries;
  private final Map<WordList, List<List<String>>> lists = new EnumMap<>(WordList.class);

  private ContentLanguage(String code, Analyzer analyzer, List<String> dictionaries) {
    this.code = Objects.requireNonNull(code);
    this.analyzer = Objects.requireNonNull(analyzer);
    this.dictionaries = List.copyOf(dictionaries);
    for (WordList list : WordList.values()) {
      lists.put(list, read(code, list));
    }
  }

  /**
   * English: the word lists under {@code words/en}, Lucene's {@link EnglishAnalyzer}, and the US
   * and British spelling dictionaries of LanguageTool's english-pos-dict (a word is misspelt only
   * when both dictionaries reject it).
   */
  public static ContentLanguage english() {
    return English.INSTANCE;
  }

  /**
   * Loads a language from {@code words/<code>/} with the given analyser factory and Morfologik
   * spelling dictionaries (class-path resources ending in {@code .dict}; none turns the dictionary
   * spelling check off, the word-list check stays).
   */
  public static ContentLanguage load(
      String code, Supplier<Analyzer> analyzer, List<String> dictionaries) {
    return new ContentLanguage(code, analyzer.get(), dictionaries);
  }

  public String code() {
    return code;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  /** Class-path resources of the spelling dictionaries. */
  public List<String> dictionaries() {
    return dictionaries;
  }

  /** The phrases of a list, each phrase as lower-case words. */
  public List<List<String>> phrases(WordList list) {
    return lists.get(list);
  }

  private static List<List<String>> read(String code, WordList list) {
    String path = ROOT + code + "/" + list.file();
    try (InputStream in = ContentLanguage.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing word list " + path);
      }
      List<List<String>> phrases = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String phrase = list == WordList.ACRONYMS ? trimmed : trimmed.toLowerCase(Locale.ROOT);
        phrases.add(List.of(phrase.split("\\s+")));
      }
      return List.copyOf(phrases);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + path, e);
    }
  }

  /** Flattens a list whose phrases are single words, e.g. {@code wrong=right}. */
  public List<String> words(WordList list) {
    return phrases(list).stream().map(p -> String.join(" ", p)).toList();
  }

  @Override
  public String toString() {
    return "ContentLanguage[" + code + "]";
  }

  private static final class English {
    static final ContentLanguage INSTANCE =
        new ContentLanguage(
            "en",
            new EnglishAnalyzer(
                new CharArraySet(
                    read("en", WordList.STOP_WORDS).stream().map(p -> String.join(" ", p)).toList(),
                    true)),
            List.of(
                "/org/languagetool/resource/en/hunspell/en_US.dict",
                "/org/languagetool/resource/en/hunspell/en_GB.dict"));
  }
}
