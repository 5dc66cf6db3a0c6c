package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.Attribution.Credit;
import dev.rapport.engagement.Attribution.Model;
import dev.rapport.engagement.Attribution.Touch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {

  static final Instant BUY = Instant.parse("2026-06-20T12:00:00Z");
  static final Duration D30 = Attribution.DEFAULT_LOOKBACK;

  // Touches: post 1 forty days before (outside the 30-day window), post 2 ten days before,
  // post 3 two days before, post 2 again one day before, post 4 one hour after the purchase.
  static final List<Touch> TOUCHES =
      List.of(
          new Touch(1, BUY.minus(Duration.ofDays(40))),
          new Touch(2, BUY.minus(Duration.ofDays(10))),
          new Touch(3, BUY.minus(Duration.ofDays(2))),
          new Touch(2, BUY.minus(Duration.ofDays(1))),
          new Touch(4, BUY.plus(Duration.ofHours(1))));

  @Test
  void lastTouchCreditsTheLastPostBeforeThePurchase() {
    assertThat(Attribution.credit(Model.LAST_TOUCH, TOUCHES, null, BUY, D30))
        .containsExactly(new Credit(2, 1.0));
  }

  @Test
  void linearSharesEquallyAmongEligibleTouches() {
    // Eligible: 2, 3, 2 -> post 2 gets 2/3, post 3 gets 1/3.
    List<Credit> credits = Attribution.credit(Model.LINEAR, TOUCHES, null, BUY, D30);
    assertThat(credits).hasSize(2);
    assertThat(credits.get(0).postId()).isEqualTo(2);
    assertThat(credits.get(0).share())
        .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(credits.get(1).share())
        .isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aTrackedLinkWinsOutright() {
    assertThat(Attribution.credit(Model.LINEAR, TOUCHES, 9L, BUY, D30))
        .containsExactly(new Credit(9, 1.0));
  }

  @Test
  void noEligibleTouchMeansUnattributed() {
    assertThat(
            Attribution.credit(
                Model.LAST_TOUCH, List.of(TOUCHES.get(0), TOUCHES.get(4)), null, BUY, D30))
        .isEmpty();
  }
}
