package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.LabelledProfile;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ProfileReader;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadErrors;
import dev.rapport.authenticity.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV with Twitter user-object column names, mapped by header name (column order differs
 * between files). Empty or {@code NULL} counts are unknown; an empty boolean cell in a present
 * column is false (the cresci files write false as empty). Observation time comes from {@code
 * observed_at}, else {@code crawled_at}, else {@code updated}. Labels come from {@code label}
 * (bot|human) or {@code bot} (1|0), the group from {@code dataset}. Not thread-safe.
 */
final class CsvProfileReader implements ProfileReader {

  private final String name;
  private final ReadOptions options;
  private final ReadErrors errors;
  private final CSVParser csv;
  private final Columns c;

  CsvProfileReader(InputStream in, String name, ReadOptions options) {
    this(in, name, options, new ReadErrors(options.maxErrors()));
  }

  CsvProfileReader(InputStream in, String name, ReadOptions options, ReadErrors errors) {
    this.name = name;
    this.options = options;
    this.errors = errors;
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    try {
      this.csv =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setAllowMissingColumnNames(true)
              .get()
              .parse(reader);
    } catch (IOException | RuntimeException e) {
      throw new MalformedProfileException(
          name + " line 1", null, "cannot read the CSV header: " + e.getMessage());
    }
    this.c = new Columns(csv.getHeaderMap(), name);
  }

  @Override
  public long readAll(Consumer<ProfileSnapshot> sink) {
    return readLabelled(l -> sink.accept(l.profile()));
  }

  @Override
  public long readLabelled(Consumer<LabelledProfile> sink) {
    long n = 0;
    ProfileDraft d = new ProfileDraft();
    Iterator<CSVRecord> it = csv.iterator();
    while (true) {
      CSVRecord r;
      try {
        if (!it.hasNext()) {
          break;
        }
        r = it.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new MalformedProfileException(
            name + " line " + csv.getCurrentLineNumber(), null, "broken CSV: " + e.getMessage());
      }
      String where = name + " line " + (r.getCharacterPosition() == 0 ? 2 : csvLine(r));
      try {
        LabelledProfile p = row(r, d, where);
        n++;
        sink.accept(p);
      } catch (MalformedProfileException e) {
        errors.add(e);
      }
    }
    return n;
  }

  private long csvLine(CSVRecord r) {
    return r.getRecordNumber() + 1;
  }

  private LabelledProfile row(CSVRecord r, ProfileDraft d, String where) {
    d.clear();
    String field = null;
    try {
      field = "id";
      d.id = c.text(r, c.id);
      field = "screen_name";
      d.handle = c.text(r, c.screenName);
      if (d.id == null && d.handle == null) {
        throw new IllegalArgumentException("no id and no screen_name");
      }
      field = "name";
      d.displayName = c.text(r, c.name);
      field = "statuses_count";
      d.posts = c.count(r, c.statuses);
      field = "followers_count";
      d.followers = c.count(r, c.followers);
      field = "friends_count";
      d.following = c.count(r, c.friends);
      field = "favourites_count";
      d.likes = c.count(r, c.favourites);
      field = "listed_count";
      d.listed = c.count(r, c.listed);
      field = "created_at";
      d.createdAt = c.instant(r, c.createdAt);
      field = "observed_at";
      d.observedAt = c.instant(r, c.observedAt);
      field = "crawled_at";
      if (d.observedAt == null) {
        d.observedAt = c.instant(r, c.crawledAt);
      }
      field = "updated";
      if (d.observedAt == null) {
        d.observedAt = c.instant(r, c.updated);
      }
      field = "url";
      d.url = c.text(r, c.url);
      field = "location";
      d.location = c.text(r, c.location);
      field = "description";
      d.bio = c.text(r, c.description);
      field = "lang";
      d.language = c.text(r, c.lang);
      field = "default_profile";
      d.defaultProfile = c.flag(r, c.defaultProfile);
      field = "default_profile_image";
      d.defaultAvatar = c.flag(r, c.defaultProfileImage);
      field = "verified";
      d.verified = c.flag(r, c.verified);
      field = "protected";
      d.protectedAccount = c.flag(r, c.protectedAccount);
      field = "bot";
      d.declaredBot = null;
      Boolean bot = c.label(r);
      d.platform = "x";
      ProfileSnapshot p = d.build(options.defaultObservedAt());
      String group = c.text(r, c.dataset);
      return new LabelledProfile(p, bot, group == null ? name : group);
    } catch (IllegalArgumentException e) {
      throw new MalformedProfileException(where, field, e.getMessage());
    }
  }

  @Override
  public ReadErrors errors() {
    return errors;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Column positions by header name; -1 when absent. */
  private static final class Columns {
    final int id;
    final int screenName;
    final int name;
    final int statuses;
    final int followers;
    final int friends;
    final int favourites;
    final int listed;
    final int createdAt;
    final int observedAt;
    final int crawledAt;
    final int updated;
    final int url;
    final int location;
    final int description;
    final int lang;
    final int defaultProfile;
    final int defaultProfileImage;
    final int verified;
    final int protectedAccount;
    final int label;
    final int bot;
    final int dataset;

    Columns(Map<String, Integer> header, String file) {
      Map<String, Integer> h = new java.util.HashMap<>();
      header.forEach((k, v) -> h.put(k.strip().toLowerCase(Locale.ROOT), v));
      id = h.getOrDefault("id", h.getOrDefault("id_str", -1));
      screenName = h.getOrDefault("screen_name", h.getOrDefault("username", -1));
      name = h.getOrDefault("name", -1);
      statuses = h.getOrDefault("statuses_count", -1);
      followers = h.getOrDefault("followers_count", -1);
      friends = h.getOrDefault("friends_count", h.getOrDefault("following_count", -1));
      favourites = h.getOrDefault("favourites_count", -1);
      listed = h.getOrDefault("listed_count", -1);
      createdAt = h.getOrDefault("created_at", -1);
      observedAt = h.getOrDefault("observed_at", -1);
      crawledAt = h.getOrDefault("crawled_at", -1);
      updated = h.getOrDefault("updated", -1);
      url = h.getOrDefault("url", -1);
      location = h.getOrDefault("location", -1);
      description = h.getOrDefault("description", -1);
      lang = h.getOrDefault("lang", -1);
      defaultProfile = h.getOrDefault("default_profile", -1);
      defaultProfileImage = h.getOrDefault("default_profile_image", -1);
      verified = h.getOrDefault("verified", -1);
      protectedAccount = h.getOrDefault("protected", -1);
      label = h.getOrDefault("label", -1);
      bot = h.getOrDefault("bot", -1);
      dataset = h.getOrDefault("dataset", -1);
      if ((id < 0 && screenName < 0) || (followers < 0 && friends < 0 && statuses < 0)) {
        throw new MalformedProfileException(
            file + " line 1",
            null,
            "not a profile CSV: it needs an id or screen_name column and at least one of"
                + " followers_count, friends_count, statuses_count; found columns "
                + List.copyOf(header.keySet()));
      }
    }

    String text(CSVRecord r, int i) {
      if (i < 0 || i >= r.size()) {
        return null;
      }
      String v = r.get(i);
      return v.equals("NULL") ? null : v;
    }

    Long count(CSVRecord r, int i) {
      String v = text(r, i);
      return v == null ? null : Counts.parse(v);
    }

    Boolean flag(CSVRecord r, int i) {
      if (i < 0 || i >= r.size()) {
        return null;
      }
      Boolean b = Counts.bool(r.get(i));
      return b == null ? Boolean.FALSE : b;
    }

    java.time.Instant instant(CSVRecord r, int i) {
      String v = text(r, i);
      return v == null || v.isBlank() ? null : Timestamps.parse(v);
    }

    Boolean label(CSVRecord r) {
      String l = text(r, label);
      if (l != null && !l.isBlank()) {
        return switch (l.strip().toLowerCase(Locale.ROOT)) {
          case "bot", "fake", "spambot", "1" -> Boolean.TRUE;
          case "human", "genuine", "0" -> Boolean.FALSE;
          default ->
              throw new IllegalArgumentException("label must be bot or human, got \"" + l + "\"");
        };
      }
      String b = text(r, bot);
      if (b != null && !b.isBlank()) {
        Boolean v = Counts.bool(b);
        if (v == null) {
          throw new IllegalArgumentException("bot must be 1 or 0, got \"" + b + "\"");
        }
        return v;
      }
      return null;
    }
  }
}
