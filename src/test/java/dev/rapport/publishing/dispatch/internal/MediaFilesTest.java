package dev.rapport.publishing.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.MediaItem;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
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
                new MediaFiles.Stored("image", "https://cdn.example/oven.jpg", "The oven")));
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
                    List.of(
                        new MediaFiles.Stored("image", dir.resolve("gone.jpg").toString(), ""))))
        .isInstanceOf(MediaFiles.Unreadable.class)
        .hasMessageContaining("gone.jpg")
        .hasMessageContaining("cannot be read");
  }
}
