package dev.rapport.imports.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.imports.ExportProgress;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's account export (ActivityPub JSON). The outbox's Create activities become published
 * posts (HTML turned into text); boosts, replies to other accounts and direct messages are not
 * posts for the audience and are skipped. The export has no follower list and no engagement counts;
 * likes and bookmarks are the brand's own actions and are counted only.
 */
final class MastodonExport implements ExportReader {

  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
  private static final Pattern STATUS_ID = Pattern.compile("/statuses/([0-9]+)$");

  @Override
  public Harvest read(ExportFiles files, ExportProblems problems, ExportProgress progress) {
    List<String> outbox = files.find("outbox\\.json");
    List<String> actor = files.find("actor\\.json");
    if (outbox.isEmpty()) {
      throw new ExportRefusal(
          "",
          0,
          "this does not look like a Mastodon export: no outbox.json"
              + (actor.isEmpty() ? " and no actor.json" : ""));
    }
    Harvest h = new Harvest();
    String actorId = null;
    if (!actor.isEmpty()) {
      actorId = readActor(files, actor.get(0), problems, h);
    } else {
      h.notes.add("no actor.json: the channel is named from the outbox's author");
    }
    String file = outbox.get(0);
    progress.phase("Reading " + file, -1);
    Set<String> seen = new HashSet<>();
    String[] author = {actorId};
    progress.done(
        Math.max(
            0,
            ExportJson.elements(
                files,
                file,
                List.of("orderedItems"),
                false,
                problems,
                (node, i, line) -> {
                  activity(
                      node,
                      new Entry(problems, file, line, "orderedItems[" + i + "]"),
                      h,
                      seen,
                      author);
                  ExportReader.tick(progress, i);
                })));
    if (actorId == null && author[0] != null) {
      claimFromActorUri(author[0], h);
    }
    countUris(
        files,
        "likes\\.json",
        problems,
        h,
        "likes",
        "posts the brand favourited are its own actions, not engagement with the brand");
    countUris(
        files, "bookmarks\\.json", problems, h, "bookmarks", "bookmarks are private to the brand");
    h.notes.add(
        "Mastodon exports hold no follower list and no favourite or boost counts; connect the"
            + " channel to read them");
    return h;
  }

  private static String readActor(
      ExportFiles files, String file, ExportProblems problems, Harvest h) {
    JsonNode a = ExportJson.whole(files, file, false, problems);
    if (a == null) {
      return null;
    }
    Entry e = new Entry(problems, file, 1, "$");
    String id = e.text(a, "id", true);
    String user = e.text(a, "preferredUsername", true);
    if (id == null || user == null) {
      return null;
    }
    String host = host(id);
    if (host == null) {
      e.problem("id", "is not an https URL: '" + Entry.shorten(id) + "'");
      return null;
    }
    h.accountId = id;
    h.handle = user + "@" + host;
    String name = a.path("name").asText("");
    h.displayName = name.isBlank() ? user : name;
    return id;
  }

  /** Without actor.json: https://host/users/name gives name@host. */
  private static void claimFromActorUri(String uri, Harvest h) {
    String host = host(uri);
    int users = uri.indexOf("/users/");
    if (host != null && users > 0) {
      h.accountId = uri;
      h.handle = uri.substring(users + 7) + "@" + host;
    }
  }

  private static String host(String uri) {
    try {
      URI u = new URI(uri);
      return u.getHost() != null && "https".equalsIgnoreCase(u.getScheme()) ? u.getHost() : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static void activity(
      JsonNode node, Entry e, Harvest h, Set<String> seen, String[] author) {
    if (!node.isObject()) {
      e.problem("", "is not an activity object");
      return;
    }
    String type = e.text(node, "type", true);
    String actor = e.text(node, "actor", false);
    if (type == null) {
      return;
    }
    if (author[0] == null && actor != null) {
      author[0] = actor;
    } else if (actor != null && !actor.equals(author[0])) {
      e.problem("actor", "is '" + Entry.shorten(actor) + "', not the account of this export");
      return;
    }
    switch (type) {
      case "Announce" ->
          h.skip("posts", "boosts of other accounts' posts (not the brand's own content)");
      case "Create" -> create(node, e, h, seen, author[0]);
      default -> h.skip("posts", type + " activities (only Create and Announce carry posts)");
    }
  }

  private static void create(JsonNode node, Entry e, Harvest h, Set<String> seen, String actor) {
    JsonNode o = node.get("object");
    if (o != null && o.isTextual()) {
      h.skip("posts", "listed by reference only, without their text");
      return;
    }
    o = e.object(node, "object");
    if (o == null) {
      return;
    }
    Entry in = e.at("object");
    String id = in.text(o, "id", true);
    Instant at = in.time(o, "published", false, Instant::parse);
    if (at == null && !e.bad()) {
      at = e.time(node, "published", true, Instant::parse);
    }
    String content = in.text(o, "content", false);
    String objectType = in.text(o, "type", true);
    if (e.bad()) {
      return;
    }
    if (!objectType.equals("Note")
        && !objectType.equals("Question")
        && !objectType.equals("Article")) {
      h.skip("posts", objectType + " objects (not statuses)");
      return;
    }
    if (!seen.add(id)) {
      h.skip("posts", "listed twice in the export");
      return;
    }
    if (!addressedToAudience(o, actor)) {
      h.skip("posts", "direct messages (private, not posts for the audience)");
      return;
    }
    String inReplyTo = o.path("inReplyTo").asText(null);
    if (inReplyTo != null
        && !inReplyTo.isEmpty()
        && (actor == null || !inReplyTo.startsWith(actor + "/"))) {
      h.skip("posts", "replies to other accounts (conversations, not posts for the audience)");
      return;
    }
    String text = HtmlText.of(content);
    String warning = o.path("summary").asText("");
    if (!warning.isBlank()) {
      // The content warning is what followers see first; keep it with the text.
      text = "CW: " + warning.strip() + "\n\n" + text;
    }
    if (text.length() > ExportWriter.MAX_TEXT) {
      h.skip("posts", "longer than " + ExportWriter.MAX_TEXT + " characters");
      return;
    }
    Matcher m = STATUS_ID.matcher(id);
    h.posts.add(new Harvest.Post("mastodon:" + id, m.find() ? m.group(1) : null, text, at, null));
  }

  /** Public, unlisted and followers-only posts reach the audience; direct ones do not. */
  private static boolean addressedToAudience(JsonNode o, String actor) {
    for (String field : List.of("to", "cc")) {
      for (JsonNode r : o.path(field)) {
        String s = r.asText("");
        if (s.equals(PUBLIC) || s.equals("as:Public") || s.equals("Public")) {
          return true;
        }
        if (s.endsWith("/followers") && (actor == null || s.startsWith(actor))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void countUris(
      ExportFiles files,
      String pattern,
      ExportProblems problems,
      Harvest h,
      String kind,
      String reason) {
    List<String> found = files.find(pattern);
    if (found.isEmpty()) {
      return;
    }
    String file = found.get(0);
    long n =
        ExportJson.elements(
            files,
            file,
            List.of("orderedItems"),
            false,
            problems,
            (node, i, line) -> {
              if (!node.isTextual() && !(node.isObject() && node.has("id"))) {
                problems.add(file, line, "orderedItems[" + i + "]", "is not a URI");
              }
            });
    h.skip(kind, reason, Math.max(0, n));
  }
}
