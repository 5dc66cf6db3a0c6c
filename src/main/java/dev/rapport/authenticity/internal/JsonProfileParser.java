package dev.rapport.authenticity.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ProfileSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Maps one JSON value onto profiles, whatever the platform: Twitter/X v1.1 user objects, X API v2
 * users ({@code public_metrics}), Mastodon accounts ({@code acct}, {@code bot}, {@code locked},
 * {@code last_status_at}) and Bluesky {@code app.bsky.actor.defs#profileViewDetailed}. Wrapper
 * objects ({@code {"data": [...]}}, {@code {"users": [...]}}) yield each profile inside. A field
 * with the wrong type is reported after the rest of the object was skipped, so a stream can go on
 * with the next record. Not thread-safe (reuses one draft).
 */
final class JsonProfileParser {

  private final Instant defaultObservedAt;
  private final ProfileDraft d = new ProfileDraft();
  private boolean mastodon;
  private boolean bluesky;
  private boolean sawAvatar;
  private String fieldError;
  private String fieldErrorName;

  JsonProfileParser(Instant defaultObservedAt) {
    this.defaultObservedAt = defaultObservedAt;
  }

  /** Parses the value at the parser's current token (a profile, a wrapper, or an array). */
  void parseValue(JsonParser p, String where, Consumer<ProfileSnapshot> sink) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == null) {
          throw new MalformedProfileException(where, null, "the JSON array ends too early");
        }
        parseValue(p, where + " [" + i++ + "]", sink);
      }
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new MalformedProfileException(
          where, null, "expected a JSON object (a profile), got " + describe(p));
    }
    parseObject(p, where, sink);
  }

  private void parseObject(JsonParser p, String where, Consumer<ProfileSnapshot> sink)
      throws IOException {
    d.clear();
    mastodon = false;
    bluesky = false;
    sawAvatar = false;
    fieldError = null;
    fieldErrorName = null;
    boolean wrapper = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == null) {
        throw new MalformedProfileException(where, name, "the JSON ends inside this field");
      }
      if ((name.equals("data") || name.equals("users") || name.equals("accounts"))
          && (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT)) {
        wrapper = true;
        parseValue(p, where + " " + name, sink);
        continue;
      }
      try {
        field(p, name, v, where);
      } catch (IllegalArgumentException e) {
        if (fieldError == null) {
          fieldError = e.getMessage();
          fieldErrorName = name;
        }
        p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedProfileException(where, null, "the JSON object ends too early");
    }
    if (fieldError != null) {
      throw new MalformedProfileException(where, fieldErrorName, fieldError);
    }
    if (wrapper) {
      // The profiles inside were emitted; the draft now holds the last of them.
      return;
    }
    if (d.id == null && d.handle == null) {
      throw new MalformedProfileException(
          where, "id", "no id, id_str, did, screen_name, username, acct or handle");
    }
    sink.accept(finish());
  }

  private ProfileSnapshot finish() {
    if (bluesky) {
      d.platform = "bluesky";
      // profileViewDetailed leaves "avatar" out when the account has none.
      d.defaultAvatar = !sawAvatar;
    } else if (mastodon) {
      d.platform = "mastodon";
      // A Mastodon account's "url" is its own profile page, not a website it links to.
      d.url = null;
    } else if (d.platform == null) {
      d.platform = "x";
    }
    return d.build(defaultObservedAt);
  }

  private void field(JsonParser p, String name, JsonToken v, String where) throws IOException {
    switch (name) {
      case "id_str" -> d.id = text(p, v);
      case "id" -> {
        if (d.id == null) {
          d.id = text(p, v);
        }
      }
      case "did" -> {
        bluesky = true;
        d.id = text(p, v);
      }
      case "$type" -> {
        String type = text(p, v);
        if (type != null && type.startsWith("app.bsky.")) {
          bluesky = true;
        }
      }
      case "screen_name" -> d.handle = text(p, v);
      case "username" -> {
        if (d.handle == null) {
          d.handle = text(p, v);
        }
      }
      case "acct" -> {
        mastodon = true;
        d.handle = text(p, v);
      }
      case "handle" -> {
        bluesky = true;
        d.handle = text(p, v);
      }
      case "name" -> d.displayName = text(p, v);
      case "display_name" -> {
        mastodon = true;
        d.displayName = text(p, v);
      }
      case "displayName" -> {
        bluesky = true;
        d.displayName = text(p, v);
      }
      case "created_at", "createdAt" -> d.createdAt = instant(p, v);
      case "observed_at", "crawled_at" -> d.observedAt = instant(p, v);
      case "followers_count", "followersCount" -> d.followers = count(p, v);
      case "friends_count", "following_count", "followsCount" -> d.following = count(p, v);
      case "statuses_count", "postsCount" -> d.posts = count(p, v);
      case "favourites_count" -> d.likes = count(p, v);
      case "listed_count" -> d.listed = count(p, v);
      case "public_metrics" -> publicMetrics(p, v);
      case "description" -> d.bio = text(p, v);
      case "note" -> {
        mastodon = true;
        d.bio = Html.toText(text(p, v));
      }
      case "url" -> d.url = text(p, v);
      case "location" -> d.location = text(p, v);
      case "default_profile_image" -> d.defaultAvatar = bool(p, v);
      case "default_profile" -> d.defaultProfile = bool(p, v);
      case "profile_image_url" -> {
        String u = text(p, v);
        if (u != null && d.defaultAvatar == null) {
          d.defaultAvatar = u.contains("default_profile_images");
        }
      }
      case "avatar" -> {
        sawAvatar = true;
        String u = text(p, v);
        if (u != null) {
          d.defaultAvatar = u.endsWith("/missing.png");
        }
      }
      case "verified" -> d.verified = bool(p, v);
      case "bot" -> {
        mastodon = true;
        d.declaredBot = bool(p, v);
      }
      case "protected" -> d.protectedAccount = bool(p, v);
      case "locked" -> {
        mastodon = true;
        d.protectedAccount = bool(p, v);
      }
      case "lang" -> d.language = text(p, v);
      case "last_status_at" -> {
        mastodon = true;
        d.lastActivityAt = instant(p, v);
      }
      case "status" -> lastStatus(p, v);
      default -> p.skipChildren();
    }
  }

  private void publicMetrics(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("expected an object, got " + describe(p));
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "followers_count" -> d.followers = count(p, t);
        case "following_count" -> d.following = count(p, t);
        case "tweet_count" -> d.posts = count(p, t);
        case "listed_count" -> d.listed = count(p, t);
        case "like_count" -> d.likes = count(p, t);
        default -> p.skipChildren();
      }
    }
  }

  private void lastStatus(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("created_at")) {
        d.lastActivityAt = instant(p, t);
      } else {
        p.skipChildren();
      }
    }
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NULL -> null;
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getText();
      default -> throw new IllegalArgumentException("expected text, got " + describe(p));
    };
  }

  private static Long count(JsonParser p, JsonToken v) throws IOException {
    switch (v) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        long n = p.getLongValue();
        if (n < 0) {
          throw new IllegalArgumentException("expected a count, got " + n);
        }
        return n;
      case VALUE_STRING:
        return Counts.parse(p.getText());
      default:
        throw new IllegalArgumentException("expected a number, got " + describe(p));
    }
  }

  private static Boolean bool(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NULL -> null;
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT -> Counts.bool(p.getText());
      case VALUE_STRING -> Counts.bool(p.getText());
      default -> throw new IllegalArgumentException("expected true or false, got " + describe(p));
    };
  }

  private static Instant instant(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("expected a date, got " + describe(p));
    }
    String s = p.getText();
    return s.isBlank() ? null : Timestamps.parse(s);
  }

  static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "\"" + Timestamps.abbreviate(p.getText()) + "\"";
      default -> p.getText();
    };
  }
}
