package dev.rapport.platforms.bluesky.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bluesky rich text: finds links, mentions and hashtags in a post's text and describes them as
 * facets, whose offsets count UTF-8 bytes (not Java chars). Mentions point at DIDs, so handles are
 * resolved; a handle that does not resolve stays plain text rather than a broken link.
 */
public final class RichText {

  /** Bluesky's limit: 300 graphemes, and 3,000 bytes of UTF-8. */
  public static final int MAX_GRAPHEMES = 300;

  public static final int MAX_BYTES = 3000;

  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private static final Pattern URL =
      Pattern.compile("(?<![\\w/])https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

  private static final Pattern MENTION =
      Pattern.compile(
          "(?<![\\w@])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+"
              + "[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)");

  private static final Pattern TAG = Pattern.compile("(?<![\\w#&])#([^\\s#\\p{Punct}][^\\s#]*)");

  private RichText() {}

  /** User-perceived characters, as Bluesky counts its limit. */
  public static int graphemes(String text) {
    Matcher m = GRAPHEME.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  public static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The facets of {@code text}, in order. {@code resolveHandle} maps a handle to its DID, or null
   * when the handle does not exist.
   */
  public static List<Map<String, Object>> facets(
      String text, Function<String, String> resolveHandle) {
    List<Map<String, Object>> facets = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    Matcher url = URL.matcher(text);
    while (url.find()) {
      int end = trimTrailing(text, url.start(), url.end());
      String uri = text.substring(url.start(), end);
      facets.add(facet(text, url.start(), end, "app.bsky.richtext.facet#link", "uri", uri));
      taken.add(new int[] {url.start(), end});
    }
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      if (overlaps(taken, mention.start(), mention.end())) {
        continue;
      }
      String handle = mention.group(1).toLowerCase(java.util.Locale.ROOT);
      if (handle.endsWith(".")) {
        continue;
      }
      String did = resolveHandle.apply(handle);
      if (did != null) {
        facets.add(
            facet(
                text,
                mention.start(),
                mention.end(),
                "app.bsky.richtext.facet#mention",
                "did",
                did));
        taken.add(new int[] {mention.start(), mention.end()});
      }
    }
    Matcher tag = TAG.matcher(text);
    while (tag.find()) {
      int end = trimTrailing(text, tag.start(), tag.end());
      String name = text.substring(tag.start() + 1, end);
      if (name.isEmpty()
          || name.chars().allMatch(Character::isDigit)
          || graphemes(name) > 64
          || overlaps(taken, tag.start(), end)) {
        continue;
      }
      facets.add(facet(text, tag.start(), end, "app.bsky.richtext.facet#tag", "tag", name));
    }
    facets.sort(
        java.util.Comparator.comparingInt(
            f -> ((Number) ((Map<?, ?>) f.get("index")).get("byteStart")).intValue()));
    return facets;
  }

  private static Map<String, Object> facet(
      String text, int start, int end, String type, String key, String value) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("byteStart", bytes(text.substring(0, start)));
    index.put("byteEnd", bytes(text.substring(0, end)));
    Map<String, Object> feature = new LinkedHashMap<>();
    feature.put("$type", type);
    feature.put(key, value);
    Map<String, Object> facet = new LinkedHashMap<>();
    facet.put("index", index);
    facet.put("features", List.of(feature));
    return facet;
  }

  /** Sentence punctuation after a link or tag is not part of it ("see https://x.org."). */
  private static int trimTrailing(String text, int start, int end) {
    while (end > start && ".,;:!?'\")]}".indexOf(text.charAt(end - 1)) >= 0) {
      // keep a closing parenthesis that has its opening one inside (Wikipedia links)
      if (text.charAt(end - 1) == ')' && text.substring(start, end - 1).contains("(")) {
        break;
      }
      end--;
    }
    return end;
  }

  private static boolean overlaps(List<int[]> taken, int start, int end) {
    for (int[] t : taken) {
      if (start < t[1] && end > t[0]) {
        return true;
      }
    }
    return false;
  }
}
