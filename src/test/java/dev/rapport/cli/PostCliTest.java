package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rapport post … end to end on an embedded database. */
class PostCliTest {

  @TempDir Path dir;

  String url() {
    return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
  }

  CliRun run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--database-url";
    all[args.length + 1] = url();
    return CliRun.of(all);
  }

  void addUser(String email, String role) {
    InputStream old = System.in;
    System.setIn(
        new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
    try {
      CliRun r = run("workspace", "add-user", "bakery", email, "--role", role);
      assertThat(r.exit()).as(r.err()).isZero();
    } finally {
      System.setIn(old);
    }
  }

  static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void writeReviewQueueAndSeeItOnTheCalendar() throws Exception {
    assertThat(
            run(
                    "workspace",
                    "create",
                    "bakery",
                    "Bakery",
                    "--time-zone",
                    "Europe/Berlin",
                    "--audience",
                    "home bakers in Berlin",
                    "--topics",
                    "bread,sourdough")
                .exit())
        .isZero();
    run("workspace", "add-channel", "bakery", "mastodon", "bakery@social");
    run("workspace", "add-channel", "bakery", "bluesky", "bakery.bsky");
    addUser("author@bakery.test", "author");
    addUser("manager@bakery.test", "manager");

    CliRun settings =
        run(
            "post",
            "settings",
            "-w",
            "bakery",
            "--as",
            "manager@bakery.test",
            "--approval",
            "true");
    assertThat(settings.out()).as(settings.err()).contains("approval required: true");

    String masto =
        "Our rye sourdough is back on Saturday at the Kreuzberg market stall: 8 EUR a loaf, baked"
            + " at 5am. Reserve yours by replying before Friday.";
    String bsky =
        "Rye sourdough returns Saturday to our Kreuzberg market stall, 8 EUR a loaf and baked at"
            + " 5am. Reply before Friday to reserve one.";
    CliRun create =
        run(
            "post",
            "create",
            "-w",
            "bakery",
            "--as",
            "author@bakery.test",
            "--title",
            "Rye",
            "-c",
            "mastodon:bakery@social",
            "-c",
            "bluesky:bakery.bsky",
            "--variant",
            "mastodon:bakery@social=" + masto,
            "--variant",
            "bluesky:bakery.bsky=" + bsky,
            "--media",
            "bakery.bsky=rye.jpg|A rye loaf on a board");
    assertThat(create.exit()).as(create.err()).isZero();
    long post = number(create.out(), "Post (\\d+) created");
    assertThat(create.out())
        .contains("for mastodon:bakery@social")
        .contains("for bluesky:bakery.bsky");

    CliRun early = run("post", "queue", "-w", "bakery", "--as", "author@bakery.test", "" + post);
    assertThat(early.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(early.err()).contains("requires approval");

    assertThat(
            run("post", "submit", "-w", "bakery", "--as", "author@bakery.test", "" + post).exit())
        .isZero();
    CliRun self = run("post", "approve", "-w", "bakery", "--as", "author@bakery.test", "" + post);
    assertThat(self.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(self.err()).contains("only a manager or above may approve");
    assertThat(
            run("post", "approve", "-w", "bakery", "--as", "manager@bakery.test", "" + post).exit())
        .isZero();

    CliRun noSlots = run("post", "queue", "-w", "bakery", "--as", "author@bakery.test", "" + post);
    assertThat(noSlots.out()).contains("has no time slots");
    assertThat(noSlots.exit()).isEqualTo(ExitCodes.REJECTED);
    for (String ch : new String[] {"mastodon:bakery@social", "bluesky:bakery.bsky"}) {
      CliRun slots =
          run(
              "post",
              "slots",
              "-w",
              "bakery",
              "--as",
              "manager@bakery.test",
              ch,
              "mon 09:00",
              "thu 12:30");
      assertThat(slots.exit()).as(slots.err()).isZero();
      assertThat(slots.out()).contains("mon 09:00, thu 12:30").contains("Next free slot:");
    }
    CliRun queue = run("post", "queue", "-w", "bakery", "--as", "author@bakery.test", "" + post);
    assertThat(queue.exit()).as(queue.out() + queue.err()).isZero();
    Matcher at =
        Pattern.compile("scheduled for (\\d{4}-\\d{2}-\\d{2}) (09:00|12:30) Europe/Berlin")
            .matcher(queue.out());
    assertThat(at.find()).as(queue.out()).isTrue();

    CliRun week = run("post", "calendar", "-w", "bakery", "--week", at.group(1));
    assertThat(week.out())
        .contains(at.group(2) + " mastodon:bakery@social")
        .contains("bluesky:bakery.bsky")
        .contains("scheduled");

    CliRun show = run("post", "show", "-w", "bakery", "" + post);
    assertThat(show.out())
        .contains("[image] rye.jpg — A rye loaf on a board")
        .contains("manager@bakery.test approve -> approved")
        .contains("author@bakery.test schedule variant");

    Path plan = dir.resolve("plan.csv");
    Files.writeString(plan, "post_key,channel,text,scheduled_at\nx,nowhere,Hello,queue\n");
    CliRun bad =
        run("post", "import", "-w", "bakery", "--as", "author@bakery.test", plan.toString());
    assertThat(bad.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(bad.err()).contains("line 2, column channel: no channel 'nowhere'");

    CliRun nobody = run("post", "submit", "-w", "bakery", "--as", "ghost@bakery.test", "" + post);
    assertThat(nobody.exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
