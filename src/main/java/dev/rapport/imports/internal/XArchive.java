package dev.rapport.imports.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.ReportedCounts;
import dev.rapport.imports.ExportProgress;
import dev.rapport.people.IdentityKey;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The X (Twitter) account archive. Tweets become published posts with the like and retweet totals
 * the archive reports; followers become people following the channel (the archive gives their
 * account ids only: no handles, no profiles, no dates). Retweets and replies to other accounts are
 * not the brand's posts; likes and follows are the brand's own actions: all are counted and
 * skipped.
 */
final class XArchive implements ExportReader {

  static final DateTimeFormatter TWITTER_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

  @Override
  public Harvest read(ExportFiles files, ExportProblems problems, ExportProgress progress) {
    List<String> account = files.find("account\\.js");
    List<String> tweets = files.find("tweets?(-part\\d+)?\\.js");
    List<String> followers = files.find("follower(-part\\d+)?\\.js");
    List<String> following = files.find("following(-part\\d+)?\\.js");
    List<String> likes = files.find("like(-part\\d+)?\\.js");
    List<String> manifest = files.find("manifest\\.js");
    if (account.isEmpty() && tweets.isEmpty() && followers.isEmpty()) {
      throw new ExportRefusal(
          "",
          0,
          "this does not look like an X archive: found none of data/account.js, data/tweets.js,"
              + " data/follower.js");
    }
    Harvest h = new Harvest();
    Instant generated = null;
    if (!manifest.isEmpty()) {
      JsonNode m = ExportJson.whole(files, manifest.get(0), true, problems);
      if (m != null) {
        String date = m.path("archiveInfo").path("generationDate").asText(null);
        generated = date == null ? null : parseIso(date);
      }
    }
    if (!account.isEmpty()) {
      readAccount(files, account.get(0), problems, h);
    }
    Set<String> seenTweets = new HashSet<>();
    for (String file : tweets) {
      progress.phase("Reading " + file, -1);
      Instant reportedAt = generated;
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of(),
                  true,
                  problems,
                  (node, i, line) -> {
                    tweet(
                        node,
                        new Entry(problems, file, line, "[" + i + "]"),
                        h,
                        seenTweets,
                        reportedAt);
                    ExportReader.tick(progress, i);
                  })));
    }
    Set<String> followerIds = new HashSet<>();
    for (String file : followers) {
      progress.phase("Reading " + file, -1);
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of(),
                  true,
                  problems,
                  (node, i, line) -> {
                    Entry e = new Entry(problems, file, line, "[" + i + "]");
                    JsonNode f = e.object(node, "follower");
                    String id = f == null ? null : e.at("follower").digits(f, "accountId");
                    if (id != null) {
                      if (followerIds.add(id)) {
                        h.followers.add(
                            new Harvest.Follower(
                                new IdentityKey(Platform.X, id, null, null), null));
                      } else {
                        h.skip("followers", "listed twice in the export");
                      }
                    }
                    ExportReader.tick(progress, i);
                  })));
    }
    long[] followingCounts = new long[2];
    for (String file : following) {
      progress.phase("Reading " + file, -1);
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of(),
                  true,
                  problems,
                  (node, i, line) -> {
                    Entry e = new Entry(problems, file, line, "[" + i + "]");
                    JsonNode f = e.object(node, "following");
                    String id = f == null ? null : e.at("following").digits(f, "accountId");
                    if (id != null) {
                      followingCounts[0]++;
                      if (followerIds.contains(id)) {
                        followingCounts[1]++;
                      }
                    }
                  })));
    }
    h.skip(
        "following",
        "accounts the brand follows are not its audience ("
            + followingCounts[1]
            + " of them follow back and come in as followers)",
        followingCounts[0]);
    long[] likeCount = new long[1];
    for (String file : likes) {
      progress.phase("Reading " + file, -1);
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of(),
                  true,
                  problems,
                  (node, i, line) -> {
                    Entry e = new Entry(problems, file, line, "[" + i + "]");
                    JsonNode l = e.object(node, "like");
                    if (l != null && e.at("like").digits(l, "tweetId") != null) {
                      likeCount[0]++;
                    }
                  })));
    }
    h.skip(
        "likes",
        "posts the brand liked are its own actions, not engagement with the brand; the archive"
            + " does not say who wrote them",
        likeCount[0]);
    if (followers.isEmpty()) {
      h.notes.add("the archive has no follower.js: no followers imported");
    } else {
      h.notes.add(
          "X archives list followers by account id only: no handles, profiles or follow dates");
    }
    return h;
  }

  private static void readAccount(
      ExportFiles files, String file, ExportProblems problems, Harvest h) {
    JsonNode all = ExportJson.whole(files, file, true, problems);
    if (all == null) {
      return;
    }
    Entry e = new Entry(problems, file, 1, "[0]");
    if (!all.isArray() || all.isEmpty()) {
      e.problem("", "expected a list with the account");
      return;
    }
    JsonNode a = e.object(all.get(0), "account");
    if (a == null) {
      return;
    }
    Entry in = e.at("account");
    h.accountId = in.digits(a, "accountId");
    h.handle = in.text(a, "username", true);
    h.displayName = in.text(a, "accountDisplayName", false);
  }

  private static void tweet(
      JsonNode node, Entry e, Harvest h, Set<String> seen, Instant reportedAt) {
    JsonNode t = node.has("tweet") ? e.object(node, "tweet") : node;
    if (t == null) {
      return;
    }
    Entry f = node.has("tweet") ? e.at("tweet") : e;
    String id = f.digits(t, "id_str");
    Instant at = f.time(t, "created_at", true, XArchive::parseTwitter);
    String text = t.has("full_text") ? f.text(t, "full_text", true) : f.text(t, "text", true);
    Long likes = f.count(t, "favorite_count");
    Long retweets = f.count(t, "retweet_count");
    String replyTo = f.text(t, "in_reply_to_user_id_str", false);
    String replyToName = f.text(t, "in_reply_to_screen_name", false);
    if (f.bad()) {
      return;
    }
    if (!seen.add(id)) {
      h.skip("posts", "listed twice in the export");
      return;
    }
    if (text.startsWith("RT @")) {
      h.skip("posts", "retweets of other accounts' posts (not the brand's own content)");
      return;
    }
    if (replyTo != null && !self(h, replyTo, replyToName)) {
      h.skip("posts", "replies to other accounts (conversations, not posts for the audience)");
      return;
    }
    String body = readable(t, text);
    if (body.length() > ExportWriter.MAX_TEXT) {
      h.skip("posts", "longer than " + ExportWriter.MAX_TEXT + " characters");
      return;
    }
    h.posts.add(
        new Harvest.Post(
            "x:" + id, id, body, at, new ReportedCounts(likes, retweets, null, reportedAt)));
  }

  /** A reply to the brand's own tweet continues a thread: it is a post. */
  private static boolean self(Harvest h, String replyTo, String replyToName) {
    if (h.accountId != null) {
      return h.accountId.equals(replyTo);
    }
    return h.handle != null && h.handle.equalsIgnoreCase(replyToName);
  }

  /** The text as readers saw it: t.co links expanded, media links removed, entities decoded. */
  static String readable(JsonNode t, String text) {
    String s = text;
    JsonNode entities = t.path("entities");
    for (JsonNode u : entities.path("urls")) {
      String shortUrl = u.path("url").asText("");
      String expanded = u.path("expanded_url").asText("");
      if (!shortUrl.isEmpty() && !expanded.isEmpty()) {
        s = s.replace(shortUrl, expanded);
      }
    }
    for (JsonNode m : entities.path("media")) {
      String shortUrl = m.path("url").asText("");
      if (!shortUrl.isEmpty()) {
        s = s.replace(shortUrl, "");
      }
    }
    // X escapes only these three in full_text.
    s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    return s.strip();
  }

  static Instant parseTwitter(String s) {
    return ZonedDateTime.parse(s, TWITTER_TIME).toInstant();
  }

  private static Instant parseIso(String s) {
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
