package dev.rapport.imports.internal;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.content.Posts;
import dev.rapport.content.ReportedCounts;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspaces;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facebook Page posts (Graph API fields). Each page becomes a Facebook channel of the workspace
 * (created when first seen), each post a published post whose reported totals are stored beside it.
 * Reactions are the sum of the react_* columns (or a reactions column); a post whose reaction
 * columns are all empty has no reported reactions, not zero.
 */
final class FacebookPostRows implements RowKind<FacebookPostRows.Item> {

  static final List<String> REACTIONS =
      List.of("react_angry", "react_haha", "react_like", "react_love", "react_sad", "react_wow");

  record Item(
      String postId,
      String pageId,
      String pageName,
      String text,
      Instant created,
      ReportedCounts counts) {}

  private final long workspaceId;
  private final Workspaces workspaces;
  private final Posts posts;
  private final ZoneId scrapeZone;
  private final Map<String, Long> channels = new HashMap<>();

  FacebookPostRows(long workspaceId, Workspaces workspaces, Posts posts, ZoneId scrapeZone) {
    this.workspaceId = workspaceId;
    this.workspaces = workspaces;
    this.posts = posts;
    this.scrapeZone = scrapeZone;
    for (Channel c : workspaces.channels(workspaceId)) {
      if (c.platform() == Platform.FACEBOOK) {
        channels.put(c.handle(), c.id());
      }
    }
  }

  @Override
  public Item parse(Row row) {
    String postId = row.required("post_id");
    String pageId = row.required("page_id");
    if (pageId != null && !pageId.matches("[0-9A-Za-z._-]{1,100}")) {
      row.problem("page_id", "not a page id: '" + pageId + "'");
    }
    Instant created = row.time("created_time");
    if (created == null && !row.bad()) {
      row.problem("created_time", "is required");
    }
    Long reactions = row.count("reactions");
    if (reactions == null) {
      boolean any = false;
      long sum = 0;
      for (String c : REACTIONS) {
        Long n = row.count(c);
        if (n != null) {
          any = true;
          sum += n;
        }
      }
      reactions = any ? sum : null;
    }
    Long shares = row.count("shares");
    Long comments = row.count("comments");
    Instant scraped = row.localTime("scrape_time", scrapeZone);
    String message = row.text("message");
    String description = row.text("description");
    String text = message != null ? message : description != null ? description : "";
    String pageName = row.text("page_name");
    if (row.bad()) {
      return null;
    }
    return new Item(
        postId,
        pageId,
        pageName,
        text,
        created,
        new ReportedCounts(reactions, shares, comments, scraped));
  }

  @Override
  public void write(List<Item> batch) {
    List<NewPost> news = new ArrayList<>(batch.size());
    for (Item it : batch) {
      long channel =
          channels.computeIfAbsent(
              it.pageId(),
              page ->
                  workspaces
                      .addChannel(
                          workspaceId,
                          Platform.FACEBOOK,
                          page,
                          it.pageName() != null ? it.pageName() : "Facebook page " + page)
                      .id());
      news.add(
          new NewPost(
              null,
              it.text(),
              PostState.PUBLISHED,
              "facebook:" + it.postId(),
              List.of(
                  new NewPost.NewVariant(
                      channel,
                      it.text(),
                      PostState.PUBLISHED,
                      null,
                      it.created(),
                      it.postId(),
                      null,
                      null))));
    }
    long[] postIds = posts.create(workspaceId, news);
    long[] variants = new long[batch.size()];
    List<ReportedCounts> counts = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      long channel = channels.get(batch.get(i).pageId());
      variants[i] =
          posts
              .variantByExternalKey(workspaceId, channel, "facebook:" + batch.get(i).postId())
              .orElseGet(() -> -1L);
      counts.add(batch.get(i).counts());
    }
    posts.recordReportedCounts(workspaceId, variants, counts);
    // postIds keeps the creation order; variants are looked up by key so re-imports update totals.
    if (postIds.length != batch.size()) {
      throw new IllegalStateException("post count mismatch");
    }
  }
}
