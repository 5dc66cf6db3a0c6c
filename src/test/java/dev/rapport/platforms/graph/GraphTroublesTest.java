package dev.rapport.platforms.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.PublishResult;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented Graph error codes map to the outcomes the dispatcher acts on. */
class GraphTroublesTest {

  private static Trouble classify(int status, String body, Map<String, List<String>> headers)
      throws Exception {
    JsonNode json = FakeHttp.JSON.readTree(body);
    return GraphTroubles.classify(
        "Facebook", GraphError.of(status, json), HttpHeaders.of(headers, (a, b) -> true));
  }

  private static Trouble classify(int code, int subcode) throws Exception {
    return classify(
        400,
        "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":"
            + code
            + ",\"error_subcode\":"
            + subcode
            + ",\"fbtrace_id\":\"x\"}}",
        Map.of());
  }

  @Test
  void tokenAndPermissionErrorsNeedAReconnect() throws Exception {
    assertThat(classify(190, 460).kind()).isEqualTo(Trouble.Kind.RECONNECT);
    assertThat(classify(102, 0).kind()).isEqualTo(Trouble.Kind.RECONNECT);
    assertThat(classify(10, 0).kind()).isEqualTo(Trouble.Kind.RECONNECT);
    assertThat(classify(230, 0).kind()).isEqualTo(Trouble.Kind.RECONNECT);
    assertThat(classify(190, 463).beforePublishing())
        .isInstanceOfSatisfying(
            PublishResult.Rejected.class, r -> assertThat(r.reconnect()).isTrue());
  }

  @Test
  void rateLimitsAreRetryableWithTheLargestEstimate() throws Exception {
    for (int code : new int[] {4, 17, 32, 613, 80001, 80014}) {
      assertThat(classify(code, 0).kind()).as("code " + code).isEqualTo(Trouble.Kind.RATE_LIMITED);
    }
    Trouble t =
        classify(
            400,
            "{\"error\":{\"message\":\"(#80004) too many calls\",\"code\":80004}}",
            Map.of(
                "X-Business-Use-Case-Usage",
                List.of(
                    "{\"1\":[{\"type\":\"ads_management\",\"estimated_time_to_regain_access\":3}],"
                        + "\"2\":[{\"type\":\"pages\",\"estimated_time_to_regain_access\":9}]}")));
    assertThat(t.retryAfter()).isEqualTo(Duration.ofMinutes(9));
    assertThat(t.atPublishing()).isInstanceOf(PublishResult.Retryable.class);
  }

  @Test
  void temporaryFailuresAreUnknownAtThePublishingCallAndRetryableBefore() throws Exception {
    Trouble transientFlag =
        classify(
            500, "{\"error\":{\"message\":\"x\",\"code\":99,\"is_transient\":true}}", Map.of());
    Trouble proxyPage = classify(502, "{}", Map.of());
    for (Trouble t : List.of(classify(1, 0), classify(2, 0), transientFlag, proxyPage)) {
      assertThat(t.kind()).isEqualTo(Trouble.Kind.TRANSIENT);
      assertThat(t.atPublishing()).isInstanceOf(PublishResult.Unknown.class);
      assertThat(t.beforePublishing()).isInstanceOf(PublishResult.Retryable.class);
    }
  }

  @Test
  void contentErrorsAreRefusedWithMetasUserMessage() throws Exception {
    Trouble t =
        classify(
            400,
            "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"code\":100,"
                + "\"error_user_msg\":\"The link could not be reached.\"}}",
            Map.of());
    assertThat(t.kind()).isEqualTo(Trouble.Kind.REFUSED);
    assertThat(t.message()).contains("The link could not be reached.");
    assertThat(t.action()).isNotBlank();
  }
}
