package dev.rapport.content.quality;

/** Which features the engagement model may use (the validation compares them). */
public enum FeatureSet {
  /** log length only. */
  LENGTH,
  /** the six rubric dimension scores only. */
  RUBRIC,
  /** length, media, link, question, number, name, call to action, rubric, weekday, hour, topic. */
  FULL
}
