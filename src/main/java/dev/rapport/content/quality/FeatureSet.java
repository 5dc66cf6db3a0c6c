package dev.rapport.content.quality;

/** Which features the engagement model may use (the validation compares them). */
public enum FeatureSet {
  /** log length only. */
  LENGTH,
  /** has media or not: a diagnostic, to see how much of a signal is only the media. */
  MEDIA,
  /** the five text dimensions of the rubric (platform fit left out): a diagnostic. */
  RUBRIC_TEXT,
  /** the six rubric dimension scores only. */
  RUBRIC,
  /** length, media, link, question, number, name, call to action, rubric, weekday, hour, topic. */
  FULL
}
