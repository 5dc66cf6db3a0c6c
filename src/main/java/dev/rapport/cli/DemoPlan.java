package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.publishing.Slot;
import dev.rapport.publishing.StoredMedia;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The demo's plan ahead, so that a newcomer sees work in progress and not only history: posting
 * slots on every channel, posts queued in the next free slots (the Instagram one with a photo), and
 * a draft with a photo waiting in Compose. Every step goes through the same rules as a user's
 * (quality gates, slots); one the rules refuse is left as a draft and said so.
 */
final class DemoPlan {

  /** What the plan holds after seeding. */
  record Seeded(int queued, int drafts, List<String> refused) {}

  private static final List<Slot> SLOTS =
      List.of(Slot.parse("tue 09:30"), Slot.parse("thu 09:30"), Slot.parse("sat 10:00"));

  /** Written to the rubric's bar for the demo's audience (home bakers near the shop, Lyon). */
  private static final Map<Platform, String> QUEUED =
      Map.of(
          Platform.BLUESKY,
          "Our rye and walnut sourdough is back this Saturday: 48 hours of fermentation, 7 EUR a"
              + " loaf. Reply to reserve yours before Friday noon.",
          Platform.MASTODON,
          "Baking tip from our Lyon bakers: proof your sourdough 12 hours in the fridge at 4 C"
              + " for a more open crumb and a darker crust. Tried it? Tell us how it went in the"
              + " replies.",
          Platform.INSTAGRAM,
          "Saturday's rye and walnut sourdough, straight from the oven at 5 am: 48 hours of"
              + " fermentation, 7 EUR a loaf. Comment RYE and we keep one aside for you at the"
              + " Lyon shop.");

  private static final String DRAFT =
      "3 signs your sourdough starter is ready to bake with, from our head baker in Lyon: it"
          + " doubles in 6 hours, it smells like yoghurt, and a spoonful floats. Which one do you"
          + " check first?";

  private static final String PHOTO_ALT =
      "An oval sourdough loaf with three pale scores across its golden crust, on a linen cloth.";

  private DemoPlan() {}

  static Seeded seed(Rapport r, Workspace ws, long owner) {
    List<Channel> channels = r.workspaces().channels(ws.id());
    for (Channel c : channels) {
      if (r.planner().slots(ws.id(), c.id()).isEmpty()) {
        r.planner().setSlots(owner, ws.id(), c.id(), SLOTS);
      }
    }
    StoredMedia photo = r.media().add(owner, ws.id(), "sourdough.jpg", loafPhoto());
    List<VariantMedia> withPhoto =
        List.of(new VariantMedia(photo.kind(), photo.location(), PHOTO_ALT));
    int queued = 0;
    List<String> refused = new ArrayList<>();
    for (Channel c : channels) {
      String text = QUEUED.get(c.platform());
      if (text == null) {
        continue;
      }
      List<VariantMedia> media = c.platform() == Platform.INSTAGRAM ? withPhoto : List.of();
      long post =
          r.reviews()
              .create(
                  owner,
                  ws.id(),
                  new DraftPost(
                      "Saturday's rye", List.of(new DraftPost.DraftVariant(c.id(), text, media))));
      Optional<String> problem = queue(r, ws, owner, post);
      if (problem.isEmpty()) {
        queued++;
      } else {
        refused.add(c.platform().code() + ": " + problem.get());
      }
    }
    List<DraftPost.DraftVariant> draft = new ArrayList<>();
    for (Channel c : channels) {
      draft.add(
          new DraftPost.DraftVariant(
              c.id(), DRAFT, c.platform() == Platform.INSTAGRAM ? withPhoto : List.of()));
    }
    r.reviews().create(owner, ws.id(), new DraftPost("Is your starter ready?", draft));
    return new Seeded(queued, 1, refused);
  }

  /** Queues every variant of the post; the first refusal, in the planner's words, if any. */
  private static Optional<String> queue(Rapport r, Workspace ws, long owner, long post) {
    PlannedPost p = r.reviews().post(ws.id(), post).orElseThrow();
    try {
      for (PlannedVariant v : p.variants()) {
        ScheduleOutcome out = r.planner().addToQueue(owner, ws.id(), v.id(), null);
        if (out instanceof ScheduleOutcome.Blocked b) {
          return Optional.of(b.message());
        }
        if (out instanceof ScheduleOutcome.NoSlot n) {
          return Optional.of(n.message());
        }
      }
      return Optional.empty();
    } catch (Refused e) {
      return Optional.of(e.getMessage());
    }
  }

  /** A 4:5 JPEG (Instagram's portrait ratio) of a loaf, drawn here: the demo ships no files. */
  static byte[] loafPhoto() {
    int w = 1080;
    int h = 1350;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(
          new GradientPaint(0, 0, new Color(0xEF, 0xE4, 0xD2), 0, h, new Color(0xC9, 0xB8, 0x9E)));
      g.fillRect(0, 0, w, h);
      // The linen cloth, then the loaf and its shadow.
      g.setColor(new Color(0xE8, 0xDF, 0xCF));
      g.fillRoundRect(90, 520, 900, 640, 60, 60);
      g.setColor(new Color(0, 0, 0, 40));
      g.fill(new Ellipse2D.Double(230, 760, 640, 260));
      g.setPaint(
          new GradientPaint(
              0, 520, new Color(0xD9, 0x9A, 0x4E), 0, 960, new Color(0x8A, 0x4B, 0x1F)));
      g.fill(new Ellipse2D.Double(220, 500, 640, 460));
      // The baker's scores: pale, open cuts across the crust.
      g.setColor(new Color(0xF2, 0xD3, 0x9C));
      g.setStroke(new BasicStroke(22, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      for (int i = 0; i < 3; i++) {
        int x = 360 + i * 120;
        g.draw(new QuadCurve2D.Double(x, 600, x + 60, 730, x + 10, 860));
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
