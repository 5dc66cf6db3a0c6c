package dev.rapport.publishing;

import dev.rapport.app.Rapport;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A bakery in Berlin with a Mastodon and a Bluesky channel, an author, two managers and an owner,
 * wired through {@link Rapport} with a recording dispatch attached.
 */
final class PlanFixture implements AutoCloseable {

  /** Wednesday 2027-03-24 10:00 UTC; the spring-forward change in Berlin is on Sunday the 28th. */
  static final Instant START = Instant.parse("2027-03-24T10:00:00Z");

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final String GOOD =
      "Our rye sourdough is back on Saturday at the Kreuzberg market stall: 8 EUR a loaf, baked"
          + " at 5am. Reserve yours by replying before Friday.";
  static final String GOOD_TOO =
      "Rye sourdough returns Saturday to our Kreuzberg market stall, 8 EUR a loaf and baked at"
          + " 5am. Reply before Friday to reserve one.";

  final TestClock clock = new TestClock(START);
  final RecordingDispatch dispatch = new RecordingDispatch();
  final Rapport rapport;
  final Workspace ws;
  final Channel mastodon;
  final Channel bluesky;
  final long author;
  final long manager;
  final long otherManager;
  final long owner;
  final long viewer;

  PlanFixture(Database db) {
    rapport = Rapport.on(db, clock);
    rapport.planningNotices().attach(dispatch);
    ws =
        rapport
            .workspaces()
            .create(
                "bakery",
                "Bakery",
                BERLIN,
                new TargetAudience(
                    "home bakers in Berlin", List.of("bread", "sourdough"), List.of(), List.of()));
    mastodon = rapport.workspaces().addChannel(ws.id(), Platform.MASTODON, "bakery@social", null);
    bluesky = rapport.workspaces().addChannel(ws.id(), Platform.BLUESKY, "bakery.bsky", null);
    author = user("author@bakery.test", Role.AUTHOR);
    manager = user("manager@bakery.test", Role.MANAGER);
    otherManager = user("second@bakery.test", Role.MANAGER);
    owner = user("owner@bakery.test", Role.OWNER);
    viewer = user("viewer@bakery.test", Role.VIEWER);
  }

  long user(String email, Role role) {
    long id = rapport.workspaces().createUser(email, email, "x").id();
    rapport.workspaces().grant(ws.id(), id, role);
    return id;
  }

  Reviews reviews() {
    return rapport.reviews();
  }

  Planner planner() {
    return rapport.planner();
  }

  Gates gates() {
    return rapport.gates();
  }

  /** A post with a variant on each channel, each its own text. */
  long post(long by) {
    return reviews()
        .create(
            by,
            ws.id(),
            new DraftPost(
                "Rye",
                List.of(
                    new DraftPost.DraftVariant(mastodon.id(), GOOD, List.of()),
                    new DraftPost.DraftVariant(bluesky.id(), GOOD_TOO, List.of()))));
  }

  long variant(long postId, Channel channel) {
    return reviews().post(ws.id(), postId).orElseThrow().variants().stream()
        .filter(v -> v.channelId() == channel.id())
        .findFirst()
        .orElseThrow()
        .id();
  }

  void settings(PublishingSettings s) {
    gates().update(owner, ws.id(), s);
  }

  @Override
  public void close() {
    rapport.close();
  }
}
