package dev.rapport.platforms.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platforms.mastodon.internal.LinkHeader;
import dev.rapport.platforms.mastodon.internal.MastodonAccounts;
import dev.rapport.platforms.mastodon.internal.StatusText;
import dev.rapport.platforms.oauth.LocalServer;
import java.time.Instant;
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
  void localAccountsAreKeptAsFullAddresses() throws Exception {
    var local =
        LocalServer.JSON.readTree(
            "{\"id\":\"1\",\"username\":\"ana\",\"acct\":\"ana\",\"bot\":true,"
                + "\"locked\":true,\"last_status_at\":\"2026-11-20\","
                + "\"avatar\":\"https://files.example/avatars/original/missing.png\"}");
    var remote =
        LocalServer.JSON.readTree(
            "{\"id\":\"2\",\"username\":\"bo\",\"acct\":\"bo@else.example\"}");

    var a = MastodonAccounts.seen(local, Instant.EPOCH, "mastodon.example");
    var b = MastodonAccounts.seen(remote, Instant.EPOCH, "mastodon.example");

    assertThat(a.handle()).isEqualTo("ana@mastodon.example");
    assertThat(a.profile().declaredBot()).isTrue();
    assertThat(a.profile().protectedAccount()).isTrue();
    assertThat(a.profile().defaultAvatar()).isTrue();
    assertThat(a.profile().lastActivityAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(b.handle()).isEqualTo("bo@else.example");
    assertThat(b.profile().declaredBot()).as("not said is unknown, not false").isNull();
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
