package dev.rapport.content.quality;

/**
 * A predicted engagement with its interval.
 *
 * @param typical the typical (median) engagement expected
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param coverage the share of past posts such an interval held, by construction (e.g. 0.8)
 */
public record Forecast(double typical, double low, double high, double coverage) {

  public Forecast {
    if (!(low <= typical && typical <= high)) {
      throw new IllegalArgumentException(
          "need low ≤ typical ≤ high: " + low + ", " + typical + ", " + high);
    }
  }
}
