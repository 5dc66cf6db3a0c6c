package dev.rapport.platforms.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platforms.x.internal.TweetText;
import dev.rapport.platforms.x.internal.XUsers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** X's weighted length and text comparison. */
class TweetTextTest {

  @Test
  void weighsLikeTwitterText() {
    assertThat(TweetText.weightedLength("hello")).isEqualTo(5);
    assertThat(TweetText.weightedLength("café – “quoted”")).isEqualTo(15);
    assertThat(TweetText.weightedLength("日本語")).isEqualTo(6);
    assertThat(TweetText.weightedLength("see https://example.org/a/very/long/path?q=1"))
        .isEqualTo(27);
    assertThat(TweetText.weightedLength("👍")).isEqualTo(2);
    assertThat(TweetText.weightedLength("👍🏽")).as("skin tone joins the emoji").isEqualTo(2);
    assertThat(TweetText.weightedLength("👨‍👩‍👧")).as("a ZWJ family is one emoji").isEqualTo(2);
  }

  @Test
  void comparesAcrossShortLinksEntitiesAndReplyMentions() {
    assertThat(TweetText.comparable("@cornerbakery Bread &amp; butter https://t.co/Ab12Cd34Ef"))
        .isEqualTo(TweetText.comparable("Bread & butter https://bakery.example/menu"));
    assertThat(TweetText.comparable("Bread and butter"))
        .isNotEqualTo(TweetText.comparable("Bread & butter"));
  }

  @Test
  void aPostIdTellsWhenItWasCreated() {
    // 1445880548472328192 is X's documented example post, created 2021-10-06T22:45:...Z
    assertThat(XUsers.snowflakeTime("1445880548472328192"))
        .isBetween(Instant.parse("2021-10-06T00:00:00Z"), Instant.parse("2021-10-07T00:00:00Z"));
    assertThat(XUsers.snowflakeTime("abc")).isNull();
  }
}
