package dev.rapport.imports.internal;

import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.NewConversion;
import dev.rapport.people.People;
import dev.rapport.workspace.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Purchases, attributed to a person by e-mail or by platform handle when one matches. */
final class ConversionRows implements RowKind<NewConversion> {

  private final long workspaceId;
  private final People people;
  private final Conversions conversions;
  private long unattributed;

  ConversionRows(long workspaceId, People people, Conversions conversions) {
    this.workspaceId = workspaceId;
    this.people = people;
    this.conversions = conversions;
  }

  @Override
  public NewConversion parse(Row row) {
    String order = row.required("order_id");
    Instant at = row.time("occurred_at");
    if (at == null && !row.bad()) {
      row.problem("occurred_at", "is required");
    }
    BigDecimal amount = row.decimal("amount");
    long cents = 0;
    if (amount != null) {
      if (amount.signum() < 0) {
        row.problem("amount", "must not be negative: " + amount.toPlainString());
      } else if (amount.scale() > 2) {
        row.problem("amount", "has more than two decimals: " + amount.toPlainString());
      } else {
        cents = amount.movePointRight(2).longValueExact();
      }
    }
    String currency = row.required("currency");
    if (currency != null) {
      currency = currency.toUpperCase(Locale.ROOT);
      if (!currency.matches("[A-Z]{3}")) {
        row.problem("currency", "not an ISO 4217 code such as EUR or USD: '" + currency + "'");
      }
    }
    String email = row.text("email");
    String platformCode = row.text("platform");
    String handle = row.text("handle");
    Platform platform = null;
    if (platformCode != null) {
      try {
        platform = Platform.fromCode(platformCode);
      } catch (IllegalArgumentException e) {
        row.problem("platform", e.getMessage());
      }
    }
    if (handle != null && platformCode == null) {
      row.problem("platform", "is needed with handle");
    }
    if (row.bad()) {
      return null;
    }
    Long person = null;
    if (email != null) {
      person = people.byEmail(workspaceId, email).map(p -> p.id()).orElse(null);
    }
    if (person == null && handle != null && platform != null) {
      person = people.byHandle(workspaceId, platform, handle).map(i -> i.personId()).orElse(null);
    }
    if (person == null) {
      unattributed++;
    }
    return new NewConversion(order, at, cents, currency, person, null);
  }

  @Override
  public void write(List<NewConversion> batch) {
    conversions.record(workspaceId, batch);
  }

  @Override
  public List<String> notes() {
    return unattributed == 0
        ? List.of()
        : List.of(unattributed + " purchase(s) matched no known person by e-mail or handle");
  }
}
