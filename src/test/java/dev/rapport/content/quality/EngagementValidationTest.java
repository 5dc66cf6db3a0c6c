package dev.rapport.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation on a synthetic file in the Facebook news format (written here, not the real data):
 * quoted fields with newlines, a zone-less scrape time in US Eastern time, short-exposure and empty
 * posts to be left out. On each page photo posts earn 5× the others.
 */
public class EngagementValidationTest {

  static final String HEADER =
      "created_time,description,link,message,page_id,post_id,react_angry,react_haha,react_like,"
          + "react_love,react_sad,react_wow,scrape_time,shares\n";
  static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

  /**
   * Writes 2 pages × 80 posts, one every 12 hours up to 5 days before the scrape (so all have more
   * than 48 h of exposure), plus per page one post created 1 h before the scrape (left out) and one
   * with an empty message (left out).
   */
  public static Path write(Path dir) throws Exception {
    Path folder = dir.resolve(EngagementValidation.FACEBOOK_NEWS);
    Files.createDirectories(folder);
    // Scraped 2017-07-14 11:00 US Eastern (EDT) = 15:00 UTC.
    ZonedDateTime scrapeUtc = ZonedDateTime.of(2017, 7, 14, 15, 0, 0, 0, ZoneOffset.UTC);
    StringBuilder csv = new StringBuilder(HEADER);
    for (String page : new String[] {"111", "222"}) {
      for (int i = 0; i < 80; i++) {
        ZonedDateTime created = scrapeUtc.minusDays(5).minusHours(12L * (80 - i));
        boolean photo = i % 3 == 0;
        int likes = (photo ? 500 : 100) + (i * 7) % 40;
        String link =
            photo ? "https://www.facebook.com/p/photos/" + i + "/" : "https://news.example/" + i;
        String message = "\"Story " + i + " from page " + page + ":\nsecond line, with a comma\"";
        csv.append(row(created, link, message, page, i, likes));
      }
      csv.append(row(scrapeUtc.minusHours(1), "https://news.example/new", "Fresh", page, 900, 1));
      csv.append(row(scrapeUtc.minusDays(9), "https://news.example/e", "", page, 901, 5));
    }
    Files.writeString(folder.resolve("fb_news_posts_20K.csv"), csv, StandardCharsets.UTF_8);
    return dir;
  }

  static String row(
      ZonedDateTime created, String link, String message, String page, int i, int likes) {
    return created.format(CREATED)
        + ",,"
        + link
        + ","
        + message
        + ","
        + page
        + ","
        + page
        + "_"
        + i
        + ",0,0,"
        + likes
        + ",0,0,0,2017-07-14 11:00:00.123456,3\n";
  }

  @Test
  void learnsEarlierPostsAndRanksLaterOnesOnASyntheticFile(@TempDir Path dir) throws Exception {
    ValidationReport report =
        EngagementValidation.facebookNews(
            write(dir), ValidationSettings.DEFAULTS.withBootstrap(100));

    assertThat(report.pages()).isEqualTo(2);
    assertThat(report.trainPosts()).isEqualTo(2 * 56);
    assertThat(report.testPosts()).isEqualTo(2 * 24);
    assertThat(report.withinPage("full model").spearman()).isGreaterThan(0.5);
    assertThat(report.withinPage("account mean (baseline)").spearman()).isNaN();
    assertThat(report.toMarkdown())
        .contains("| full model | ")
        .contains("undefined (constant within a page)");
  }
}
