package dev.rapport.platforms.bluesky.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  static final Instant DUE = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void theSameVariantAlwaysAsksForTheSameValidTid() {
    String key = RecordKeys.forPost("rapport-variant-42", DUE);
    assertThat(key)
        .hasSize(13)
        .matches("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    assertThat(RecordKeys.forPost("rapport-variant-42", DUE)).isEqualTo(key);
    assertThat(RecordKeys.timeOf(key)).isBetween(DUE, DUE.plusSeconds(1));
  }

  @Test
  void variantsDueInTheSameSecondGetDifferentKeys() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add(RecordKeys.forPost("rapport-variant-" + i, DUE));
    }
    assertThat(keys).hasSize(10_000);
  }

  @Test
  void encodesTidsAsTheSpecDoes() {
    // 2023-11-01T00:00:00Z in microseconds with clock id 0, as atproto's TID encoder writes it.
    long micros = Instant.parse("2023-11-01T00:00:00Z").getEpochSecond() * 1_000_000L;
    String tid = RecordKeys.tid(micros, 0);
    assertThat(RecordKeys.timeOf(tid)).isEqualTo(Instant.parse("2023-11-01T00:00:00Z"));
    assertThat(tid.compareTo(RecordKeys.tid(micros + 1, 0))).as("sorts by time").isNegative();
  }

  @Test
  void facetsCountUtf8BytesAndSkipUnknownHandles() {
    String text = "ü @a.test then https://x.org/a_(b). #tag_1 #123 @ghost.test";
    var facets = RichText.facets(text, h -> Map.of("a.test", "did:plc:a").get(h));
    assertThat(facets).hasSize(3);
    assertThat(facets.get(0).get("index")).isEqualTo(Map.of("byteStart", 3, "byteEnd", 10));
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    Map<String, Integer> link = (Map<String, Integer>) facets.get(1).get("index");
    assertThat(
            new String(
                bytes,
                link.get("byteStart"),
                link.get("byteEnd") - link.get("byteStart"),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("https://x.org/a_(b)");
    assertThat(RichText.graphemes("👩‍👩‍👧 é")).isEqualTo(3);
  }
}
