package dev.rapport.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * A purchase to record.
 *
 * @param orderId the shop's order id; one conversion per order id
 * @param amountCents amount in the currency's minor unit
 * @param personId the buyer, when known
 * @param linkId the tracked link that led to it, when known
 */
public record NewConversion(
    String orderId,
    Instant occurredAt,
    long amountCents,
    String currency,
    Long personId,
    Long linkId) {

  public NewConversion {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("a conversion needs an order id");
    }
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (amountCents < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR");
    }
  }
}
