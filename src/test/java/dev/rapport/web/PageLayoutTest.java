package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The markup and styles that keep pages readable on a phone and a laptop: every table of the main
 * pages scrolls sideways inside its own {@code .table-scroll} (the page itself never does), and the
 * people filters are a grid of labelled fields that collapses to one column. {@code
 * DashboardBrowserTest} measures the same in Chromium at 390 and 1000 px.
 */
class PageLayoutTest {

  static final String PASSWORD = "correct horse battery staple";
  static final String BAKERY = "/w/" + BakeryFixture.SLUG;

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    Workspace bakery = BakeryFixture.build(server.rapport, TestServer.NOW);
    User owner = server.user("owner@example.com", PASSWORD);
    server.grant(bakery, owner, Role.OWNER);
    server.rapport.apiTokens().issue(bakery.id(), owner.id(), "reporting", Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyTableOfTheMainPagesScrollsInsideItsOwnWrapper() {
    Client o = server.client().signedIn("owner@example.com", PASSWORD);
    Matcher post = Pattern.compile(BAKERY + "/posts/\\d+").matcher(o.get(BAKERY + "/posts").body());
    Matcher person =
        Pattern.compile(BAKERY + "/people/\\d+").matcher(o.get(BAKERY + "/people").body());
    assertThat(post.find() && person.find()).isTrue();
    String dashboard = o.get(BAKERY).body();
    // The dashboard's consistency table (the fixture's channels have a posting plan) among them.
    assertThat(dashboard)
        .contains("<div class=\"table-scroll\">\n    <table class=\"data consistency\"");
    List<String> pages =
        List.of(
            BAKERY,
            BAKERY + "/audience",
            BAKERY + "/people",
            person.group(),
            BAKERY + "/posts",
            post.group(),
            BAKERY + "/calendar",
            BAKERY + "/reports",
            BAKERY + "/settings",
            BAKERY + "/settings/channels",
            BAKERY + "/settings/tokens",
            "/me");
    int tables = 0;
    for (String page : pages) {
      String html = o.get(page).body();
      Matcher table = Pattern.compile("<table\\b").matcher(html);
      while (table.find()) {
        tables++;
        assertThat(html.substring(0, table.start()).stripTrailing())
            .as("a table of %s outside .table-scroll", page)
            .endsWith("<div class=\"table-scroll\">");
      }
    }
    assertThat(tables).as("tables checked").isGreaterThan(10);
  }

  @Test
  void thePeopleFiltersAreAGridOfLabelledFieldsThatCollapsesOnPhones() throws IOException {
    String html =
        server.client().signedIn("owner@example.com", PASSWORD).get(BAKERY + "/people").body();
    assertThat(html).contains("class=\"filters filter-grid\"");
    // Each label above its own field, in one grid cell; the buttons in a cell of their own.
    for (String field : List.of("f-stage", "f-verdict", "f-platform", "f-tag", "f-engaged")) {
      assertThat(html)
          .containsPattern(
              "<div class=\"field\">\\s*<label for=\""
                  + field
                  + "\">[^<]+</label>\\s*<(select|input) id=\""
                  + field
                  + "\"");
    }
    assertThat(html).containsPattern("<div class=\"filter-actions\">\\s*<button type=\"submit\"");

    String css;
    try (InputStream in = getClass().getResourceAsStream("/web/rapport.css")) {
      css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(css)
        .contains(".table-scroll { overflow-x: auto;")
        .contains(
            ".filter-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem,"
                + " 1fr));")
        .contains("  .filter-grid { grid-template-columns: 1fr; }");
    // That one column is for phones: inside the narrow-screen block.
    int oneColumn = css.indexOf("  .filter-grid { grid-template-columns: 1fr; }");
    int phones = css.lastIndexOf("@media (max-width: 720px) {", oneColumn);
    assertThat(phones).isNotNegative().isLessThan(oneColumn);
    assertThat(css.indexOf("\n}\n", phones)).isGreaterThan(oneColumn);
  }
}
