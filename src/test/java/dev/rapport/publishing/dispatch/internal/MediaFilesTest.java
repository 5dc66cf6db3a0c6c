package dev.rapport.publishing.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.StoredMedia;
import dev.rapport.publishing.dispatch.MediaHosting;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFilesTest {

  @TempDir Path dir;

  @Test
  void readsFilesWithTheirSizeAndKeepsUrlsAsUrls() throws Exception {
    Path png = dir.resolve("wide.png");
    ImageIO.write(new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    List<MediaItem> items =
        MediaFiles.load(
            List.of(
                new MediaFiles.Stored("image", png.toString(), "A wide loaf"),
                new MediaFiles.Stored("image", "https://cdn.example/oven.jpg", "The oven")),
            1L,
            MediaHosting.none());
    MediaItem file = items.get(0);
    assertThat(file.kind()).isEqualTo(MediaKind.IMAGE);
    assertThat(file.contentType()).isEqualTo("image/png");
    assertThat(file.bytes()).isNotEmpty();
    assertThat(file.width()).isEqualTo(300);
    assertThat(file.height()).isEqualTo(100);
    assertThat(file.altText()).isEqualTo("A wide loaf");
    MediaItem url = items.get(1);
    assertThat(url.bytes()).isNull();
    assertThat(url.publicUrl()).hasToString("https://cdn.example/oven.jpg");
    assertThat(url.contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(
            () ->
                MediaFiles.load(
                    List.of(new MediaFiles.Stored("image", dir.resolve("gone.jpg").toString(), "")),
                    1L,
                    MediaHosting.none()))
        .isInstanceOf(MediaFiles.Unreadable.class)
        .hasMessageContaining("gone.jpg")
        .hasMessageContaining("cannot be read");
  }

  static final String NAME = "0123456789abcdef0123456789abcdef.jpg";

  /** Workspace 7 keeps one JPEG of 2 × 1 pixels. */
  static final class OneFile implements MediaLibrary {
    @Override
    public StoredMedia add(long actor, long workspaceId, String originalName, byte[] content) {
      throw new UnsupportedOperationException("not needed here");
    }

    @Override
    public Optional<MediaContent> content(String name) {
      return Optional.ofNullable(
          Map.of(NAME, new MediaContent(NAME, "image/jpeg", new byte[] {1, 2, 3}, 2, 1)).get(name));
    }

    @Override
    public Optional<MediaContent> content(long workspaceId, String name) {
      return workspaceId == 7 ? content(name) : Optional.empty();
    }

    @Override
    public int sweep(java.time.Instant madeBefore) {
      return 0;
    }
  }

  @Test
  void aKeptFileIsSentAsBytesAndByItsPublicAddressWhenRapportHasOne() throws Exception {
    MediaItem item =
        MediaFiles.load(
                List.of(new MediaFiles.Stored("image", "media:" + NAME, "A loaf")),
                7L,
                MediaHosting.of(new OneFile(), "https://rapport.example.com/"))
            .get(0);
    assertThat(item.bytes()).containsExactly(1, 2, 3);
    assertThat(item.contentType()).isEqualTo("image/jpeg");
    assertThat(item.width()).isEqualTo(2);
    assertThat(item.altText()).isEqualTo("A loaf");
    assertThat(item.publicUrl()).hasToString("https://rapport.example.com/media/" + NAME);
  }

  @Test
  void onALocalAddressAKeptFileHasNoPublicUrl() throws Exception {
    for (String local :
        List.of(
            "http://localhost:8080",
            "http://127.0.0.1:8080",
            "http://192.168.1.20",
            "http://[::1]:8080",
            "http://rapport.local")) {
      MediaItem item =
          MediaFiles.load(
                  List.of(new MediaFiles.Stored("image", "media:" + NAME, "")),
                  7L,
                  MediaHosting.of(new OneFile(), local))
              .get(0);
      assertThat(item.publicUrl()).as(local).isNull();
      assertThat(item.bytes()).as(local).isNotEmpty();
    }
  }

  @Test
  void anotherWorkspacesFileIsNotSent() {
    assertThatThrownBy(
            () ->
                MediaFiles.load(
                    List.of(new MediaFiles.Stored("image", "media:" + NAME, "")),
                    8L,
                    MediaHosting.of(new OneFile(), "https://rapport.example.com")))
        .isInstanceOf(MediaFiles.Unreadable.class)
        .hasMessageContaining("no longer kept");
  }
}
