package dev.rapport.engagement;

/** What one person bought over a period. */
public record PersonRevenue(
    long personId, String displayName, String currency, long purchases, long amountCents) {}
