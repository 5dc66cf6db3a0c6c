package dev.rapport.publishing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkScanTest {

  @Test
  void findsLinksWithoutTheSentencesPunctuation() {
    assertThat(
            LinkScan.links(
                "See https://shop.example/rye. Or (https://shop.example/a_(b)) and http://x.test/?q=1!"))
        .containsExactly(
            "https://shop.example/rye", "https://shop.example/a_(b)", "http://x.test/?q=1");
    assertThat(LinkScan.links("no links, just shop.example")).isEmpty();
  }

  @Test
  void recognisesShortLinks() {
    assertThat(LinkScan.shortCode("https://go.bakery.test/l/abcDEF23")).contains("abcDEF23");
    assertThat(LinkScan.shortCode("https://bakery.test/rapport/l/abcDEF23/")).contains("abcDEF23");
    assertThat(LinkScan.shortCode("https://go.bakery.test/l/abc")).isEmpty();
    assertThat(LinkScan.shortCode("https://go.bakery.test/x/abcDEF23")).isEmpty();
  }
}
