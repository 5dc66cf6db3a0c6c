package dev.rapport.imports.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.imports.ExportProgress;
import dev.rapport.people.IdentityKey;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Instagram's "Download your information" in JSON. Posts become published posts (the caption is the
 * text; the export has no like or comment counts and no post ids, so posts are keyed by their media
 * file); followers become people following the channel, keyed by username (the only id the export
 * gives) with a follow event at the time Instagram recorded. Text is repaired from Instagram's
 * mojibake. The brand's own comments and likes, and whom it follows, are counted and skipped. File
 * locations changed over the years; files are found by name wherever they are.
 */
final class InstagramExport implements ExportReader {

  @Override
  public Harvest read(ExportFiles files, ExportProblems problems, ExportProgress progress) {
    // Names as of 2022–2025; older downloads lack the _1 suffix on followers and comments.
    List<String> posts = files.find("posts_(\\d+)\\.json");
    List<String> followers = files.find("followers(?:_(\\d+))?\\.json");
    List<String> following = files.find("following\\.json");
    List<String> comments = files.find("post_comments(?:_(\\d+))?\\.json");
    List<String> liked = files.find("liked_posts\\.json");
    List<String> personal = files.find("personal_information\\.json");
    if (posts.isEmpty() && followers.isEmpty() && following.isEmpty() && comments.isEmpty()) {
      throw new ExportRefusal(
          "",
          0,
          "this does not look like an Instagram export in JSON: found none of posts_1.json,"
              + " followers_1.json, following.json, post_comments_1.json (was it downloaded as"
              + " HTML? choose JSON when requesting the download)");
    }
    Harvest h = new Harvest();
    if (!personal.isEmpty()) {
      readPersonal(files, personal.get(0), problems, h);
    }
    Set<String> seenPosts = new HashSet<>();
    for (String file : posts) {
      progress.phase("Reading " + file, -1);
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of("ig_posts"),
                  false,
                  problems,
                  (node, i, line) -> {
                    post(node, new Entry(problems, file, line, "[" + i + "]"), h, seenPosts);
                    ExportReader.tick(progress, i);
                  })));
    }
    Set<String> followerNames = new HashSet<>();
    for (String file : followers) {
      progress.phase("Reading " + file, -1);
      progress.done(
          Math.max(
              0,
              ExportJson.elements(
                  files,
                  file,
                  List.of("relationships_followers"),
                  false,
                  problems,
                  (node, i, line) -> {
                    Entry e = new Entry(problems, file, line, "[" + i + "]");
                    Account a = account(node, e);
                    if (a != null) {
                      if (followerNames.add(a.id())) {
                        h.followers.add(
                            new Harvest.Follower(
                                new IdentityKey(Platform.INSTAGRAM, a.id(), a.username(), null),
                                a.at()));
                      } else {
                        h.skip("followers", "listed twice in the export");
                      }
                    }
                    ExportReader.tick(progress, i);
                  })));
    }
    long[] follows = new long[2];
    for (String file : following) {
      ExportJson.elements(
          files,
          file,
          List.of("relationships_following"),
          false,
          problems,
          (node, i, line) -> {
            Account a =
                account(
                    node, new Entry(problems, file, line, "relationships_following[" + i + "]"));
            if (a != null) {
              follows[0]++;
              if (followerNames.contains(a.id())) {
                follows[1]++;
              }
            }
          });
    }
    h.skip(
        "following",
        "accounts the brand follows are not its audience ("
            + follows[1]
            + " of them follow back and come in as followers)",
        follows[0]);
    long[] own = new long[1];
    for (String file : comments) {
      ExportJson.elements(
          files,
          file,
          List.of("comments_media_comments"),
          false,
          problems,
          (node, i, line) -> {
            Entry e = new Entry(problems, file, line, "[" + i + "]");
            JsonNode data = e.object(node, "string_map_data");
            if (data != null) {
              own[0]++;
            }
          });
    }
    h.skip(
        "comments",
        "comments the brand wrote are its own actions, not engagement with the brand",
        own[0]);
    for (String file : liked) {
      long n =
          ExportJson.elements(
              files, file, List.of("likes_media_likes"), false, problems, (node, i, line) -> {});
      h.skip(
          "likes",
          "posts the brand liked are its own actions, not engagement with it",
          Math.max(0, n));
    }
    h.notes.add(
        "Instagram exports have no like or comment counts per post and no follower profiles;"
            + " followers are identified by username");
    return h;
  }

  private record Account(String id, String username, Instant at) {}

  /** A follower or following entry: 2019–2024 put the name in "value", 2025 in "title". */
  private static Account account(JsonNode node, Entry e) {
    if (!node.isObject()) {
      e.problem("", "is not an object");
      return null;
    }
    JsonNode list = node.get("string_list_data");
    if (list == null || !list.isArray() || list.isEmpty()) {
      e.problem("string_list_data", "is missing or empty");
      return null;
    }
    JsonNode d = list.get(0);
    Entry in = e.at("string_list_data[0]");
    String name = in.text(d, "value", false);
    if (name == null || name.isBlank()) {
      name = e.text(node, "title", false);
    }
    if (name == null || name.isBlank()) {
      String href = in.text(d, "href", false);
      name = href == null ? null : href.replaceAll("/+$", "").replaceAll("^.*/", "");
    }
    Instant at = in.epochSeconds(d, "timestamp", false);
    if (name == null || name.isBlank()) {
      e.problem("string_list_data[0].value", "is missing: no username");
      return null;
    }
    name = Mojibake.fix(name.strip());
    if (name.startsWith("@")) {
      name = name.substring(1);
    }
    if (!name.matches("[\\p{L}\\p{N}._]{1,60}")) {
      e.problem(
          "string_list_data[0].value",
          "is not an Instagram username: '" + Entry.shorten(name) + "'");
      return null;
    }
    if (e.bad()) {
      return null;
    }
    // Usernames are case-insensitive on Instagram; the lower-case form is the stable key.
    return new Account(name.toLowerCase(Locale.ROOT), name, at);
  }

  private static void post(JsonNode node, Entry e, Harvest h, Set<String> seen) {
    if (!node.isObject()) {
      e.problem("", "is not an object");
      return;
    }
    JsonNode media = node.get("media");
    if (media == null || !media.isArray() || media.isEmpty()) {
      e.problem("media", "is missing or empty");
      return;
    }
    JsonNode first = media.get(0);
    Entry in = e.at("media[0]");
    String uri = in.text(first, "uri", true);
    // A carousel carries its caption and time on the post; a single photo on its media.
    Instant at =
        node.has("creation_timestamp")
            ? e.epochSeconds(node, "creation_timestamp", true)
            : in.epochSeconds(first, "creation_timestamp", true);
    String title =
        node.has("title") ? e.text(node, "title", false) : in.text(first, "title", false);
    if (e.bad()) {
      return;
    }
    if (uri.isBlank()) {
      e.problem("media[0].uri", "is empty");
      return;
    }
    String mediaFile = uri.substring(uri.lastIndexOf('/') + 1);
    if (!seen.add(mediaFile)) {
      h.skip("posts", "listed twice in the export");
      return;
    }
    String text = title == null ? "" : Mojibake.fix(title).strip();
    if (text.length() > ExportWriter.MAX_TEXT) {
      h.skip("posts", "longer than " + ExportWriter.MAX_TEXT + " characters");
      return;
    }
    h.posts.add(new Harvest.Post("instagram:" + mediaFile, null, text, at, null));
  }

  private static void readPersonal(
      ExportFiles files, String file, ExportProblems problems, Harvest h) {
    JsonNode p = ExportJson.whole(files, file, false, problems);
    if (p == null) {
      return;
    }
    JsonNode data = p.path("profile_user").path(0).path("string_map_data");
    String user = data.path("Username").path("value").asText("");
    if (!user.isBlank()) {
      h.handle = Mojibake.fix(user.strip());
      String name = data.path("Name").path("value").asText("");
      h.displayName = name.isBlank() ? h.handle : Mojibake.fix(name.strip());
    }
  }
}
