package dev.rapport.platforms.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.ConnectorContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Bluesky side as the tests see it: plain XRPC calls, not the connector under test. */
final class BlueskySide implements ConnectorContract.PlatformSide {

  private final BlueskyNetwork.Running net;
  private final BlueskyNetwork.TestAccount brand;
  private final BlueskyNetwork.TestAccount human;

  BlueskySide(
      BlueskyNetwork.Running net,
      BlueskyNetwork.TestAccount brand,
      BlueskyNetwork.TestAccount human) {
    this.net = net;
    this.brand = brand;
    this.human = human;
  }

  @Override
  public List<String> postsWithText(String text) {
    List<String> uris = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          net.get(
              "com.atproto.repo.listRecords",
              "repo="
                  + brand.did()
                  + "&collection=app.bsky.feed.post&limit=100"
                  + (cursor == null ? "" : "&cursor=" + enc(cursor)),
              null);
      for (JsonNode r : page.path("records")) {
        if (text.equals(r.path("value").path("text").asText())) {
          uris.add(r.path("uri").asText());
        }
      }
      cursor = page.path("records").isEmpty() ? null : page.path("cursor").asText(null);
    } while (cursor != null);
    return uris;
  }

  JsonNode record(String uri) {
    String[] p = uri.substring(5).split("/");
    return net.get(
        "com.atproto.repo.getRecord",
        "repo=" + p[0] + "&collection=" + p[1] + "&rkey=" + p[2],
        null);
  }

  @Override
  public List<String> altTexts(String platformPostId) {
    List<String> alts = new ArrayList<>();
    for (JsonNode img : record(platformPostId).path("value").path("embed").path("images")) {
      alts.add(img.path("alt").asText());
    }
    return alts;
  }

  @Override
  public String parentOf(String platformPostId) {
    return record(platformPostId)
        .path("value")
        .path("reply")
        .path("parent")
        .path("uri")
        .asText(null);
  }

  @Override
  public String likeRepostAndReply(String platformPostId) {
    return likeRepostAndReply(human, platformPostId).get("who");
  }

  /** The account's like, repost and reply; returns their record URIs and the account's DID. */
  Map<String, String> likeRepostAndReply(BlueskyNetwork.TestAccount who, String postUri) {
    String cid = record(postUri).path("cid").asText();
    Map<String, Object> subject = Map.of("uri", postUri, "cid", cid);
    Map<String, String> made = new LinkedHashMap<>();
    made.put("who", who.did());
    made.put("like", create(who, "app.bsky.feed.like", Map.of("subject", subject)));
    made.put("repost", create(who, "app.bsky.feed.repost", Map.of("subject", subject)));
    made.put(
        "reply",
        create(
            who,
            "app.bsky.feed.post",
            Map.of(
                "text",
                "Love it, more please!",
                "reply",
                Map.of("root", subject, "parent", subject))));
    return made;
  }

  @Override
  public String follow() {
    BlueskyNetwork.TestAccount follower = net.createAccount("fan");
    create(follower, "app.bsky.graph.follow", Map.of("subject", brand.did()));
    return follower.did();
  }

  String create(BlueskyNetwork.TestAccount who, String collection, Map<String, Object> fields) {
    Map<String, Object> record = new LinkedHashMap<>(fields);
    record.put("$type", collection);
    record.put("createdAt", Instant.now().toString());
    return net.post(
            "com.atproto.repo.createRecord",
            Map.of("repo", who.did(), "collection", collection, "record", record),
            who.accessJwt())
        .path("uri")
        .asText();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
