package dev.rapport.people.internal;

import dev.rapport.people.MergeSuggestion;
import dev.rapport.people.MergeSuggestion.Rule;
import dev.rapport.store.Database;
import dev.rapport.workspace.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds persons that look like one human. One pass over the workspace's identities and their newest
 * profile links, grouped in memory: a batch job whose cost grows with identities, run on request,
 * not on a hot path.
 */
final class MergeSuggester {

  private final Database db;

  MergeSuggester(Database db) {
    this.db = db;
  }

  List<MergeSuggestion> suggest(long workspaceId, int limit) {
    List<Candidate> all = load(workspaceId);
    Set<String> refused = refusedPairs(workspaceId);
    Map<String, MergeSuggestion> found = new LinkedHashMap<>();
    explicitLinks(all, refused, found);
    byKey(all, refused, found, Rule.SAME_NAME_AND_LINK);
    byKey(all, refused, found, Rule.SAME_HANDLE);
    return found.values().stream()
        .sorted(
            Comparator.comparing(MergeSuggestion::rule)
                .thenComparingLong(MergeSuggestion::personA)
                .thenComparingLong(MergeSuggestion::personB))
        .limit(limit)
        .toList();
  }

  private static void explicitLinks(
      List<Candidate> all, Set<String> refused, Map<String, MergeSuggestion> found) {
    Map<String, Candidate> byHandle = new HashMap<>();
    for (Candidate c : all) {
      String h = ProfileLinks.fullHandle(c.platform, c.handle);
      if (h != null) {
        byHandle.putIfAbsent(c.platform.code() + " " + h, c);
      }
    }
    for (Candidate c : all) {
      for (String url : c.links) {
        ProfileLinks.target(url)
            .ifPresent(
                t -> {
                  Candidate other = byHandle.get(t.platform().code() + " " + t.handle());
                  if (other != null) {
                    add(
                        found,
                        refused,
                        c,
                        other,
                        Rule.EXPLICIT_LINK,
                        "the "
                            + c.platform.code()
                            + " profile of "
                            + c.label()
                            + " links to "
                            + other.label()
                            + " on "
                            + other.platform.code());
                  }
                });
      }
    }
  }

  private static void byKey(
      List<Candidate> all, Set<String> refused, Map<String, MergeSuggestion> found, Rule rule) {
    Map<String, List<Candidate>> groups = new HashMap<>();
    for (Candidate c : all) {
      for (String key : keys(c, rule)) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      }
    }
    for (List<Candidate> g : groups.values()) {
      // Big groups are common names or shared links (a linktree), not one human.
      if (g.size() < 2 || g.size() > 5) {
        continue;
      }
      for (int i = 0; i < g.size(); i++) {
        for (int j = i + 1; j < g.size(); j++) {
          Candidate a = g.get(i);
          Candidate b = g.get(j);
          if (rule == Rule.SAME_HANDLE && a.platform == b.platform) {
            continue;
          }
          String evidence =
              rule == Rule.SAME_HANDLE
                  ? "same handle '"
                      + ProfileLinks.handle(a.handle)
                      + "' on "
                      + a.platform.code()
                      + " and "
                      + b.platform.code()
                  : "same name '" + a.displayName + "' and the same link in their profiles";
          add(found, refused, a, b, rule, evidence);
        }
      }
    }
  }

  private static List<String> keys(Candidate c, Rule rule) {
    if (rule == Rule.SAME_HANDLE) {
      String h = ProfileLinks.handle(c.handle);
      return h == null || h.length() < 2 ? List.of() : List.of(h);
    }
    String n = ProfileLinks.name(c.displayName);
    if (n == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String l : c.links) {
      String link = ProfileLinks.link(l);
      if (link != null) {
        out.add(n + " " + link);
      }
    }
    return out;
  }

  private static void add(
      Map<String, MergeSuggestion> found,
      Set<String> refused,
      Candidate a,
      Candidate b,
      Rule rule,
      String evidence) {
    if (a.personId == b.personId) {
      return;
    }
    long lo = Math.min(a.personId, b.personId);
    long hi = Math.max(a.personId, b.personId);
    String pair = lo + "-" + hi;
    if (refused.contains(pair)) {
      return;
    }
    found.putIfAbsent(pair, new MergeSuggestion(lo, hi, rule, evidence));
  }

  private List<Candidate> load(long workspaceId) {
    Map<Long, Candidate> byId = new LinkedHashMap<>();
    db.jdbi()
        .useHandle(
            h -> {
              h.createQuery(
                      "SELECT i.id, i.person_id, i.platform, i.handle, i.display_name FROM"
                          + " identity i JOIN person p ON p.id = i.person_id WHERE"
                          + " i.workspace_id = ? AND p.merged_into IS NULL ORDER BY i.id")
                  .bind(0, workspaceId)
                  .map(
                      (rs, ctx) ->
                          new Candidate(
                              rs.getLong(1),
                              rs.getLong(2),
                              Platform.fromCode(rs.getString(3)),
                              rs.getString(4),
                              rs.getString(5)))
                  .forEach(c -> byId.put(c.identityId, c));
              // Newest snapshot last, so its links and name win.
              h.createQuery(
                      "SELECT s.identity_id, s.url, s.bio, s.display_name FROM profile_snapshot s"
                          + " JOIN identity i ON i.id = s.identity_id WHERE i.workspace_id = ?"
                          + " ORDER BY s.identity_id, s.observed_at")
                  .bind(0, workspaceId)
                  .map(
                      (rs, ctx) ->
                          new String[] {
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                          })
                  .forEach(
                      r -> {
                        Candidate c = byId.get(Long.parseLong(r[0]));
                        if (c != null) {
                          c.links = ProfileLinks.links(r[1], r[2]);
                          if (r[3] != null && !r[3].isBlank()) {
                            c.displayName = r[3];
                          }
                        }
                      });
            });
    return new ArrayList<>(byId.values());
  }

  private Set<String> refusedPairs(long workspaceId) {
    Set<String> out = new HashSet<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT kept_person_id, absorbed_person_id FROM person_merge WHERE"
                            + " workspace_id = ? AND undone_at IS NOT NULL")
                    .bind(0, workspaceId)
                    .map(
                        (rs, ctx) ->
                            Math.min(rs.getLong(1), rs.getLong(2))
                                + "-"
                                + Math.max(rs.getLong(1), rs.getLong(2)))
                    .forEach(out::add));
    return out;
  }

  private static final class Candidate {
    final long identityId;
    final long personId;
    final Platform platform;
    final String handle;
    String displayName;
    List<String> links = List.of();

    Candidate(long identityId, long personId, Platform platform, String handle, String name) {
      this.identityId = identityId;
      this.personId = personId;
      this.platform = platform;
      this.handle = handle;
      this.displayName = name;
    }

    String label() {
      return handle != null ? "@" + ProfileLinks.fullHandle(platform, handle) : "#" + identityId;
    }
  }
}
