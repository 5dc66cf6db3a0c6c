package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attaching media in the composer over the real server: an upload is kept and attached with its
 * description, served at its public address without a login, refused in plain words when no
 * platform takes it (the page comes back, nothing attached), removable; only authors of the
 * workspace may attach, with the form's CSRF token.
 */
class ComposeMediaTest {

  static final String PASSWORD = "correct horse battery staple";
  static TestServer server;
  static Workspace bakery;
  static Workspace other;
  static Channel instagram;
  static User author;
  static long postId;
  static long variantId;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    bakery = server.workspace("bakery", "Bakery");
    other = server.workspace("other", "Other");
    instagram =
        server.rapport.workspaces().addChannel(bakery.id(), Platform.INSTAGRAM, "bakery.ig", null);
    author = server.user("author@example.com", PASSWORD);
    User viewer = server.user("viewer@example.com", PASSWORD);
    User stranger = server.user("stranger@example.com", PASSWORD);
    server.grant(bakery, author, Role.AUTHOR);
    server.grant(bakery, viewer, Role.VIEWER);
    server.grant(other, stranger, Role.OWNER);
    postId =
        server
            .rapport
            .reviews()
            .create(
                author.id(),
                bakery.id(),
                new DraftPost(
                    "Rye",
                    List.of(
                        new DraftPost.DraftVariant(
                            instagram.id(), "Rye sourdough is back on Saturday.", List.of()))));
    variantId =
        server.rapport.reviews().post(bakery.id(), postId).orElseThrow().variants().get(0).id();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(1080, 1080, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }

  static PlannedVariant variant() {
    return server.rapport.reviews().variant(bakery.id(), variantId).orElseThrow();
  }

  static String csrf(Client c) {
    return Client.csrfOf(c.get("/w/bakery/compose?post=" + postId).body()).orElseThrow();
  }

  Map<String, String> fields(String csrf, String alt) {
    return Map.of(
        "csrf",
        csrf,
        "post",
        String.valueOf(postId),
        "variant",
        String.valueOf(variantId),
        "alt",
        alt);
  }

  @Test
  void anUploadIsKeptAttachedServedAndRemovable() throws Exception {
    Client c = server.client().signedIn("author@example.com", PASSWORD);
    byte[] image = jpeg();
    HttpResponse<String> r =
        c.upload(
            "/w/bakery/compose/media",
            fields(csrf(c), "A rye loaf on the counter"),
            "file",
            "rye.jpg",
            image);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElseThrow())
        .contains("done=media-added")
        .contains("#media-" + instagram.id());
    List<VariantMedia> media = variant().media();
    assertThat(media).hasSize(1);
    assertThat(media.get(0).kind()).isEqualTo(MediaKind.IMAGE);
    assertThat(media.get(0).altText()).isEqualTo("A rye loaf on the counter");
    assertThat(media.get(0).location()).matches("media:[0-9a-f]{32}\\.jpg");

    String page = c.get("/w/bakery/compose?post=" + postId + "&done=media-added").body();
    String name = media.get(0).location().substring("media:".length());
    assertThat(page)
        .contains("Attached.")
        .contains("src=\"/media/" + name + "\"")
        .contains("A rye loaf on the counter")
        // Instagram's "needs an image" gate passes now that one is attached.
        .doesNotContain("Instagram needs an image or a video.");

    // Instagram fetches it without a login, byte for byte.
    HttpResponse<byte[]> served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri("/media/" + name)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(served.body()).isEqualTo(image);
    assertThat(server.client().get("/media/0123456789abcdef0123456789abcdef.jpg").statusCode())
        .isEqualTo(404);

    HttpResponse<String> removed =
        c.post(
            "/w/bakery/compose/media/remove",
            Map.of(
                "csrf",
                csrf(c),
                "post",
                String.valueOf(postId),
                "variant",
                String.valueOf(variantId),
                "index",
                "0"));
    assertThat(removed.statusCode()).isEqualTo(303);
    assertThat(variant().media()).isEmpty();
  }

  @Test
  void aFileNoPlatformTakesIsRefusedInPlainWordsAndNothingIsAttached() {
    Client c = server.client().signedIn("author@example.com", PASSWORD);
    int before = variant().media().size();
    HttpResponse<String> r =
        c.upload(
            "/w/bakery/compose/media",
            fields(csrf(c), "notes"),
            "file",
            "notes.jpg",
            "these are my notes, not a photo".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .contains("notes.jpg is not a JPEG, PNG, GIF or WebP image")
        .contains("id=\"err-media-" + instagram.id() + "\"")
        // the composer again, signed in, with its navigation
        .contains("Rye sourdough is back on Saturday.")
        .contains("href=\"/w/bakery/people\"");
    assertThat(variant().media()).hasSize(before);

    HttpResponse<String> badUrl =
        c.upload(
            "/w/bakery/compose/media",
            Map.of(
                "csrf",
                csrf(c),
                "post",
                String.valueOf(postId),
                "variant",
                String.valueOf(variantId),
                "url",
                "javascript:alert(1)"),
            "file",
            "",
            new byte[0]);
    assertThat(badUrl.statusCode()).isEqualTo(422);
    assertThat(badUrl.body()).contains("starting with https://");
    assertThat(variant().media()).hasSize(before);
  }

  @Test
  void onlyTheWorkspacesAuthorsAttachWithTheFormsToken() throws Exception {
    byte[] image = jpeg();
    Client viewer = server.client().signedIn("viewer@example.com", PASSWORD);
    String viewerCsrf = Client.csrfOf(viewer.get("/w/bakery/calendar").body()).orElseThrow();
    assertThat(
            viewer
                .upload("/w/bakery/compose/media", fields(viewerCsrf, ""), "file", "a.jpg", image)
                .statusCode())
        .isEqualTo(403);

    Client stranger = server.client().signedIn("stranger@example.com", PASSWORD);
    String strangerCsrf = Client.csrfOf(stranger.get("/w/other/calendar").body()).orElseThrow();
    assertThat(
            stranger
                .upload("/w/bakery/compose/media", fields(strangerCsrf, ""), "file", "a.jpg", image)
                .statusCode())
        .isEqualTo(404);
    // Its own workspace, another workspace's post: not found either.
    assertThat(
            stranger
                .upload("/w/other/compose/media", fields(strangerCsrf, ""), "file", "a.jpg", image)
                .statusCode())
        .isEqualTo(404);

    Client c = server.client().signedIn("author@example.com", PASSWORD);
    assertThat(
            c.upload("/w/bakery/compose/media", fields("forged", ""), "file", "a.jpg", image)
                .statusCode())
        .isEqualTo(403);
    assertThat(variant().media()).isEmpty();
  }

  @Test
  void anAttachmentThatIsNotAWebAddressIsShownAsTextNotLinked() {
    long post =
        server
            .rapport
            .reviews()
            .create(
                author.id(),
                bakery.id(),
                new DraftPost(
                    "Odd",
                    List.of(
                        new DraftPost.DraftVariant(
                            instagram.id(),
                            "Rye sourdough is back on Saturday.",
                            List.of(
                                new VariantMedia(MediaKind.IMAGE, "javascript:alert(1)", "x"),
                                new VariantMedia(MediaKind.IMAGE, "/srv/photos/rye.jpg", "y"))))));
    Client c = server.client().signedIn("author@example.com", PASSWORD);
    String page = c.get("/w/bakery/compose?post=" + post).body();
    assertThat(page)
        .doesNotContain("href=\"javascript:")
        .doesNotContain("href=\"/srv/photos/rye.jpg\"")
        .contains("<span class=\"muted\">javascript:alert(1)</span>");
  }

  @Test
  void theComposerOffersTheUploadForASavedPost() {
    Client c = server.client().signedIn("author@example.com", PASSWORD);
    String page = c.get("/w/bakery/compose?post=" + postId).body();
    Matcher form =
        Pattern.compile(
                "<form method=\"post\" action=\"/w/bakery/compose/media\" enctype=\"multipart/form-data\" id=\"media-add-"
                    + variantId
                    + "\"")
            .matcher(page);
    assertThat(form.find()).isTrue();
    assertThat(page).contains("form=\"media-add-" + variantId + "\"").contains("type=\"file\"");
    // A new post says where its attachments go once it is saved.
    assertThat(c.get("/w/bakery/compose").body())
        .contains("Images and videos: save the draft, then attach them here.");
  }
}
