package dev.rapport.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platforms.mastodon.internal.LinkHeader;
import dev.rapport.platforms.mastodon.internal.StatusText;
import org.junit.jupiter.api.Test;

/** Comparing sent text with Mastodon's rendered HTML, and reading Link headers. */
class StatusTextTest {

  @Test
  void renderedHtmlComesBackAsTheTextThatWasSent() {
    String html =
        "<p>Fresh bread &amp; coffee &lt;3<br />from 7am</p><p>"
            + "<a href=\"https://bakery.example/menu\" rel=\"nofollow noopener\" target=\"_blank\">"
            + "<span class=\"invisible\">https://</span><span class=\"\">bakery.example/menu</span>"
            + "<span class=\"invisible\"></span></a> &#8212; "
            + "<span class=\"h-card\"><a href=\"https://other.example/@ana\" class=\"u-url mention\">"
            + "@<span>ana</span></a></span></p>";

    String plain = StatusText.plain(html);

    assertThat(plain)
        .isEqualTo("Fresh bread & coffee <3\nfrom 7am\n\nhttps://bakery.example/menu — @ana");
    assertThat(StatusText.comparable(plain))
        .isEqualTo(
            StatusText.comparable(
                "Fresh bread & coffee <3\nfrom 7am\n\nhttps://bakery.example/menu — @ana@other.example"));
  }

  @Test
  void linkHeadersGiveTheIdsAndNothingElse() {
    String link =
        "<https://mastodon.example/api/v1/notifications?max_id=34975535&limit=40>; rel=\"next\", "
            + "<https://mastodon.example/api/v1/notifications?min_id=34975861>; rel=\"prev\"";
    assertThat(LinkHeader.param(link, "next", "max_id")).contains("34975535");
    assertThat(LinkHeader.param(link, "prev", "min_id")).contains("34975861");
    assertThat(LinkHeader.param(link, "prev", "max_id")).isEmpty();
    assertThat(LinkHeader.param(null, "next", "max_id")).isEmpty();
  }
}
