package dev.rapport.engagement;

/**
 * Revenue credited to one post over a period.
 *
 * @param conversions purchases credited (fractional under linear attribution)
 * @param amountCents revenue credited, in minor units of {@code currency}
 */
public record PostRevenue(
    long postId, String excerpt, String currency, double conversions, double amountCents) {}
