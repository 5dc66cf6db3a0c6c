package dev.rapport.content.quality;

import java.util.Locale;

/**
 * The word lists a {@link ContentLanguage} provides, one resource file each under {@code
 * dev/rapport/content/quality/words/<language>/<file>} (one phrase a line, {@code #} comments).
 */
public enum WordList {
  /** Function words left out of the relevant dimension's terms. */
  STOP_WORDS,
  /** Jargon that says nothing concrete: "synergy", "best-in-class". */
  BUZZWORDS,
  /** Vague superlatives and empty intensifiers: "amazing", "very", "the best". */
  VAGUE,
  /** Words that soften a point until it disappears: "maybe", "kind of". */
  HEDGES,
  /** Calls to action; single words count only when they open a sentence. */
  CALLS_TO_ACTION,
  /** Numbers written as words ("two", "dozen"); they count as concrete numbers. */
  NUMBER_WORDS,
  /** Words that introduce an example: "for example", "such as". */
  EXAMPLE_MARKERS,
  /** Words that address the reader: "you", "your". */
  READER_ADDRESS,
  /** Forms of "to be" that start a passive construction. */
  BE_VERBS,
  /** Irregular past participles ("written", "made") for the passive-voice check. */
  IRREGULAR_PARTICIPLES,
  /** Words ending in -ed that are adjectives after "to be" ("excited", "based"). */
  NOT_PASSIVE,
  /** Upper-case words that are not shouting ("NASA", "FAQ"). */
  ACRONYMS,
  /** Common misspellings, {@code wrong=right} a line. */
  MISSPELLINGS,
  /** Link shorteners that hide the destination. */
  OPAQUE_SHORTENERS,
  /** Query parameters that are tracking junk copied from someone else's click. */
  TRACKING_JUNK;

  public String file() {
    return name().toLowerCase(Locale.ROOT) + ".txt";
  }
}
