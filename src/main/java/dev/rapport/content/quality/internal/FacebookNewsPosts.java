package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.content.quality.PastPost;
import dev.rapport.content.quality.PlannedPost;
import dev.rapport.content.quality.Platform;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code fb_news_posts_20K.csv} (RFC 4180, newlines inside fields) into posts per page.
 *
 * <ul>
 *   <li>Engagement = all reactions (like, love, haha, wow, sad, angry; weight 1 like a like) + 2 ×
 *       shares (a share weighs like a repost).
 *   <li>{@code scrape_time} has no zone; it is US Eastern local time: read as UTC, 614 posts would
 *       have been created after they were scraped; read as America/New_York, none are.
 *   <li>Posts observed for less than the minimum exposure are left out, as are posts without text.
 *   <li>Media: a link to a Facebook {@code /videos/} or {@code /photos/} page is a video or image;
 *       the data has no alt text, so it is recorded as missing.
 * </ul>
 */
public final class FacebookNewsPosts {

  static final ZoneId SCRAPE_ZONE = ZoneId.of("America/New_York");
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
  private static final DateTimeFormatter SCRAPED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
  private static final String[] REACTIONS = {
    "react_angry", "react_haha", "react_like", "react_love", "react_sad", "react_wow"
  };

  private FacebookNewsPosts() {}

  /** Posts per page id, in file order. */
  public static Map<String, List<PastPost>> read(Path csv, double minExposureHours)
      throws IOException {
    Map<String, List<PastPost>> pages = new TreeMap<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord row : parser) {
        String text = row.get("message").strip();
        if (text.isEmpty()) {
          continue;
        }
        ZonedDateTime created =
            OffsetDateTime.parse(row.get("created_time"), CREATED)
                .atZoneSameInstant(ZoneOffset.UTC);
        ZonedDateTime scraped =
            LocalDateTime.parse(row.get("scrape_time"), SCRAPED).atZone(SCRAPE_ZONE);
        double exposureHours = Duration.between(created, scraped).toMinutes() / 60.0;
        if (exposureHours < minExposureHours) {
          continue;
        }
        double engagement = 2 * count(row.get("shares"));
        for (String reaction : REACTIONS) {
          engagement += count(row.get(reaction));
        }
        PlannedPost post =
            new PlannedPost(text, Platform.FACEBOOK, created, media(row.get("link")), "");
        pages
            .computeIfAbsent(row.get("page_id"), k -> new ArrayList<>())
            .add(new PastPost(post, engagement));
      }
    }
    return pages;
  }

  private static List<Media> media(String link) {
    if (link.contains("facebook.com/") && link.contains("/videos/")) {
      return List.of(new Media(MediaKind.VIDEO, ""));
    }
    if (link.contains("facebook.com/") && link.contains("/photos/")) {
      return List.of(new Media(MediaKind.IMAGE, ""));
    }
    return List.of();
  }

  private static double count(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      return 0;
    }
    return Double.parseDouble(v);
  }
}
