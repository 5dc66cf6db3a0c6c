package dev.rapport.engagement.internal;

import java.util.Comparator;

/** A row of the variant_rollup. */
record VariantKey(long variantId, String verdict, String kind) {
  static final Comparator<VariantKey> ORDER =
      Comparator.comparingLong(VariantKey::variantId)
          .thenComparing(VariantKey::verdict)
          .thenComparing(VariantKey::kind);
}
