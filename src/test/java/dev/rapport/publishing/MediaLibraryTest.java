package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.store.TestDatabases;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Files kept for the composer, on H2 and PostgreSQL: what is accepted, what is refused. */
class MediaLibraryTest {

  static byte[] image(String format, int width, int height) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void keepsAnImageByItsContentAndServesItBackByItsName(TestDatabases.Kind kind) throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      MediaLibrary library = f.rapport.media();
      byte[] jpeg = image("jpg", 1080, 1350);
      // The name says PNG; the content is a JPEG, and the content decides.
      StoredMedia kept = library.add(f.author, f.ws.id(), "C:\\Users\\ann\\loaf.png", jpeg);
      assertThat(kept.kind()).isEqualTo(MediaKind.IMAGE);
      assertThat(kept.contentType()).isEqualTo("image/jpeg");
      assertThat(kept.name()).matches("[0-9a-f]{32}\\.jpg");
      assertThat(kept.location()).isEqualTo("media:" + kept.name());
      assertThat(kept.width()).isEqualTo(1080);
      assertThat(kept.height()).isEqualTo(1350);
      assertThat(kept.sizeBytes()).isEqualTo(jpeg.length);

      MediaLibrary.MediaContent back = library.content(kept.name()).orElseThrow();
      assertThat(back.bytes()).isEqualTo(jpeg);
      assertThat(back.contentType()).isEqualTo("image/jpeg");
      assertThat(back.width()).isEqualTo(1080);
      assertThat(library.content(f.ws.id(), kept.name())).isPresent();
      assertThat(library.content(f.ws.id() + 1000, kept.name())).isEmpty();

      StoredMedia png = library.add(f.author, f.ws.id(), "wide.png", image("png", 300, 100));
      assertThat(png.name()).endsWith(".png");
      assertThat(png.name()).isNotEqualTo(kept.name());
      assertThat(library.add(f.author, f.ws.id(), "a.gif", image("gif", 10, 10)).kind())
          .isEqualTo(MediaKind.GIF);
      byte[] mp4 = new byte[64];
      System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, mp4, 4, 8);
      StoredMedia video = library.add(f.author, f.ws.id(), "clip.mp4", mp4);
      assertThat(video.kind()).isEqualTo(MediaKind.VIDEO);
      assertThat(video.contentType()).isEqualTo("video/mp4");
      assertThat(video.width()).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void refusesWhatNoPlatformTakesAndFindsNothingByAnyOtherName(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      MediaLibrary library = f.rapport.media();
      assertThatThrownBy(
              () ->
                  library.add(
                      f.author,
                      f.ws.id(),
                      "notes.jpg",
                      "just text".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("notes.jpg is not a JPEG, PNG, GIF or WebP image");
      assertThatThrownBy(() -> library.add(f.author, f.ws.id(), "empty.jpg", new byte[0]))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("empty.jpg is empty");
      byte[] big = new byte[(int) MediaLibrary.MAX_BYTES + 1];
      big[0] = (byte) 0xFF;
      big[1] = (byte) 0xD8;
      big[2] = (byte) 0xFF;
      assertThatThrownBy(() -> library.add(f.author, f.ws.id(), "huge.jpg", big))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("16 MiB");
      for (String name :
          new String[] {
            "../../etc/passwd", "0123456789abcdef0123456789abcdef.exe", "", "x.jpg", null
          }) {
        assertThat(library.content(name)).as(String.valueOf(name)).isEmpty();
      }
      assertThat(library.content("0123456789abcdef0123456789abcdef.jpg")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void theSweepKeepsAttachedAndRecentFilesAndDeletesTheRest(TestDatabases.Kind kind)
      throws Exception {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      MediaLibrary library = f.rapport.media();
      StoredMedia attached = library.add(f.author, f.ws.id(), "a.png", image("png", 8, 8));
      StoredMedia orphan = library.add(f.author, f.ws.id(), "b.png", image("png", 8, 8));
      f.reviews()
          .create(
              f.author,
              f.ws.id(),
              new DraftPost(
                  "t",
                  java.util.List.of(
                      new DraftPost.DraftVariant(
                          f.mastodon.id(),
                          PlanFixture.GOOD,
                          java.util.List.of(
                              new VariantMedia(MediaKind.IMAGE, attached.location(), "A"))))));
      // Within the grace period nothing goes.
      assertThat(library.sweep(f.clock.instant().minusSeconds(60))).isZero();
      assertThat(library.sweep(f.clock.instant().plusSeconds(60))).isEqualTo(1);
      assertThat(library.content(orphan.name())).isEmpty();
      assertThat(library.content(attached.name())).isPresent();
    }
  }
}
