package dev.rapport.platforms.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.people.Identity;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.EngagementSync;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SyncRun;
import dev.rapport.platforms.SyncSettings;
import dev.rapport.platforms.SyncStatus;
import dev.rapport.platforms.internal.SqlEngagementSync;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's acceptance: publish a post with an image on the real PDS, a second account likes,
 * reposts and replies, and the engagement sync puts exactly those three engagements, with the
 * engager's identity and the post's variant, into the ledger.
 */
@ExtendWith(BlueskyNetwork.class)
class BlueskySyncAcceptanceTest {

  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  /** One engagement row as the ledger holds it. */
  record Row(String kind, long identityId, Long variantId, String source, String eventKey) {}

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void likeRepostAndReplyReachTheLedgerWithTheEngagersIdentity(
      TestDatabases.Kind kind, org.junit.jupiter.api.TestInfo info) throws Exception {
    BlueskyNetwork.Running net = BlueskyNetwork.network();
    BlueskyNetwork.TestAccount brand = net.createAccount("bakery");
    BlueskyNetwork.TestAccount human = net.createAccount("anna");
    Clock clock = Clock.systemUTC();
    BlueskyConnector connector = new BlueskyConnector(OutboundPolicy.ANY_HOST, clock);
    try (Rapport r = Rapport.on(kind.open(), clock)) {
      Workspace ws =
          r.workspaces().create("bakery", "Bakery", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, brand.handle(), "Bakery");
      r.connections()
          .connect(
              ws.id(),
              ch.id(),
              net.pds(),
              brand.did(),
              brand.handle(),
              Map.of(BlueskyConnector.APP_PASSWORD, net.appPassword(brand)));
      EngagementSync sync =
          new SqlEngagementSync(
              r.database(),
              r.workspaces(),
              r.connections(),
              new Connectors(List.of(connector)),
              r.people(),
              r.posts(),
              r.ledger(),
              clock,
              SyncSettings.DEFAULT);

      // Publish through the connector with the account Rapport stores, as dispatch would.
      String text = "Fresh sourdough at 7, with @" + human.handle() + " #bread";
      Instant due = clock.instant();
      PublishResult result =
          connector.publish(
              r.connections().account(ws.id(), ch.id()).orElseThrow(),
              new Outgoing(
                  1,
                  "rapport-acceptance-" + BlueskyNetwork.letters(8),
                  text,
                  List.of(
                      new MediaItem(
                          MediaKind.IMAGE, "image/png", "loaf.png", PNG, null, "A loaf", 1, 1)),
                  null,
                  due));
      assertThat(result).isInstanceOf(PublishResult.Published.class);
      String uri = ((PublishResult.Published) result).platformPostId();
      long postId =
          r.posts()
              .create(
                  ws.id(),
                  List.of(
                      new NewPost(
                          null,
                          text,
                          PostState.PUBLISHED,
                          null,
                          List.of(
                              new NewPost.NewVariant(
                                  ch.id(),
                                  text,
                                  PostState.PUBLISHED,
                                  due,
                                  due,
                                  uri,
                                  null,
                                  null)))))[0];
      long variantId = r.posts().variantsOf(ws.id(), new long[] {postId}).get(0).id();

      BlueskySide side = new BlueskySide(net, brand, human);
      assertThat(side.altTexts(uri)).containsExactly("A loaf");
      Map<String, String> made = side.likeRepostAndReply(human, uri);

      // The AppView indexes asynchronously: sync until the three are in (or 20 s pass).
      List<Row> rows = List.of();
      List<SyncRun> runs = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(20);
      while (rows.size() < 3 && Instant.now().isBefore(deadline)) {
        SyncRun run = sync.runOnce(ws.id(), ch.id());
        assertThat(run.error()).isNull();
        assertThat(run.skipped()).isNull();
        runs.add(run);
        rows = rows(r, ws.id());
        if (rows.size() < 3) {
          Thread.sleep(300);
        }
      }
      assertThat(rows).extracting(Row::kind).containsExactlyInAnyOrder("like", "repost", "reply");
      assertThat(rows).extracting(Row::variantId).containsOnly(variantId);
      assertThat(rows).extracting(Row::source).containsOnly("bluesky");
      assertThat(rows)
          .filteredOn(row -> row.kind().equals("reply"))
          .extracting(Row::eventKey)
          .containsExactly(made.get("reply"));

      Identity anna = r.people().byHandle(ws.id(), Platform.BLUESKY, human.handle()).orElseThrow();
      assertThat(anna.platformUserId()).isEqualTo(human.did());
      assertThat(rows).extracting(Row::identityId).containsOnly(anna.id());
      assertThat(r.ledger().count(ws.id())).isEqualTo(3);

      // A further run reads again and adds nothing: the ledger is idempotent by event key.
      SyncRun again = sync.runOnce(ws.id(), ch.id());
      assertThat(again.error()).isNull();
      assertThat(again.ingested()).isZero();
      assertThat(r.ledger().count(ws.id())).isEqualTo(3);

      SyncStatus status = sync.status(ws.id()).get(0);
      assertThat(status.connected()).isTrue();
      assertThat(status.totalIngested()).isEqualTo(3);
      assertThat(status.lastError()).isNull();
      assertThat(status.lastRunAt()).isNotNull();
      assertThat(status.lag()).isNotNull().isPositive();
      System.out.printf(
          "Bluesky acceptance on %s: network started in %d ms; %d sync run(s) until the three"
              + " engagements were in; status lag %d ms%n",
          info.getDisplayName(), net.startup().toMillis(), runs.size(), status.lag().toMillis());
    }
  }

  private static List<Row> rows(Rapport r, long workspaceId) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT kind, identity_id, variant_id, source, event_key FROM engagement"
                            + " WHERE workspace_id = :w ORDER BY id")
                    .bind("w", workspaceId)
                    .map(
                        (rs, ctx) ->
                            new Row(
                                rs.getString(1),
                                rs.getLong(2),
                                (Long) rs.getObject(3, Long.class),
                                rs.getString(4),
                                rs.getString(5)))
                    .list());
  }
}
