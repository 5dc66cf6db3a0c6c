package dev.rapport.content.quality.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small facts about a link as written in a draft. */
final class Links {

  private Links() {}

  static boolean isTracked(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.contains("utm_");
  }

  static String host(String url) {
    String s = url.toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int end = s.length();
    for (char c : new char[] {'/', '?', '#', ':'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    s = s.substring(0, end);
    return s.startsWith("www.") ? s.substring(4) : s;
  }

  /** Query parameter names of a link, lower case. */
  static List<String> parameters(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return List.of();
    }
    String query = url.substring(q + 1);
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    List<String> names = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      names.add((eq >= 0 ? pair.substring(0, eq) : pair).toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
