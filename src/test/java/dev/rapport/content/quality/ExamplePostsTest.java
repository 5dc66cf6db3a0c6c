package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written example posts: each must produce some findings and must not produce others. */
class ExamplePostsTest {

  private static final JsonNode FIXTURE = load();
  private static final Audience AUDIENCE = audience(FIXTURE.get("audience"));
  private static final Rubric RUBRIC = Rubric.forAudience(AUDIENCE);
  private static final Rubric NO_AUDIENCE = Rubric.forAudience(Audience.NONE);

  static Stream<Arguments> examples() {
    List<Arguments> out = new ArrayList<>();
    FIXTURE.get("examples").forEach(e -> out.add(Arguments.of(e.get("id").asText(), e)));
    return out.stream();
  }

  @Test
  void thereAreAtLeastFortyExamples() {
    assertThat(FIXTURE.get("examples").size()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void producesTheFindingsItMustAndNoneItMustNot(String id, JsonNode example) {
    RubricReport report = assess(example);
    List<String> codes = report.findings().stream().map(Finding::code).toList();
    for (JsonNode must : example.get("must")) {
      assertThat(codes).as("%s must produce %s", id, must.asText()).contains(must.asText());
    }
    for (JsonNode mustNot : example.get("mustNot")) {
      assertThat(codes)
          .as("%s must not produce %s", id, mustNot.asText())
          .doesNotContain(mustNot.asText());
    }
    if (example.has("minOverall")) {
      assertThat(report.overall()).as(id).isGreaterThanOrEqualTo(example.get("minOverall").asInt());
    }
    if (example.has("maxOverall")) {
      assertThat(report.overall()).as(id).isLessThanOrEqualTo(example.get("maxOverall").asInt());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyFindingPointsAtTheWordsItQuotes(String id, JsonNode example) {
    String text = example.get("text").asText();
    for (Finding f : assess(example).findings()) {
      if (f.start() >= 0) {
        assertThat(text.substring(f.start(), f.end())).as(id + " " + f.code()).isEqualTo(f.words());
      } else {
        assertThat(f.words()).isEmpty();
      }
      if (f.isIssue()) {
        assertThat(f.suggestion()).as(id + " " + f.code() + " suggestion").isNotBlank();
      }
    }
  }

  @Test
  void goodExamplesOutscoreBadOnes() {
    double good = meanOverall("good-");
    double bad = meanOverall("bad-");
    assertThat(good).isGreaterThan(bad + 20);
  }

  private static double meanOverall(String prefix) {
    List<Integer> scores = new ArrayList<>();
    FIXTURE
        .get("examples")
        .forEach(
            e -> {
              if (e.get("id").asText().startsWith(prefix)) {
                scores.add(assess(e).overall());
              }
            });
    assertThat(scores).isNotEmpty();
    return scores.stream().mapToInt(Integer::intValue).average().orElseThrow();
  }

  private static RubricReport assess(JsonNode example) {
    List<Media> media = new ArrayList<>();
    if (example.has("media")) {
      example
          .get("media")
          .forEach(
              m ->
                  media.add(
                      new Media(MediaKind.valueOf(m.get("kind").asText()), m.get("alt").asText())));
    }
    Draft draft =
        new Draft(
            example.get("text").asText(), Platform.parse(example.get("platform").asText()), media);
    boolean noAudience = example.has("noAudience") && example.get("noAudience").asBoolean();
    return (noAudience ? NO_AUDIENCE : RUBRIC).assess(draft);
  }

  private static Audience audience(JsonNode node) {
    List<String> topics = new ArrayList<>();
    node.get("topics").forEach(t -> topics.add(t.asText()));
    List<String> posts = new ArrayList<>();
    node.get("wellPerformingPosts").forEach(t -> posts.add(t.asText()));
    return new Audience(node.get("description").asText(), topics, posts);
  }

  private static JsonNode load() {
    try (InputStream in = ExamplePostsTest.class.getResourceAsStream("example-posts.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
