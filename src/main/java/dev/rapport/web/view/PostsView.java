package dev.rapport.web.view;

import dev.rapport.content.PostState;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Reviews;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspace's posts, newest first, one state (or all) and one page of them at a time, with how
 * many posts are in each state for the tabs.
 *
 * @param state the state shown, or null for every post
 * @param page 1-based; may be past the last page (the list is then empty)
 * @param counts posts per state, every state a key
 * @param channels the workspace's channels by id
 * @param authors the display names of the posts' authors by user id (only non-blank ones)
 * @param canWrite the caller may write and edit posts (author and up)
 */
public record PostsView(
    Workspace workspace,
    PostState state,
    int page,
    int pageSize,
    Reviews.PostPage list,
    Map<PostState, Long> counts,
    Map<Long, Channel> channels,
    Map<Long, String> authors,
    boolean canWrite) {

  /** Always shown as tabs; the later states only when they have posts or are selected. */
  private static final List<PostState> ALWAYS =
      List.of(PostState.DRAFT, PostState.IN_REVIEW, PostState.APPROVED, PostState.SCHEDULED);

  /** Posts still being written or reviewed open in the composer; later ones cannot change. */
  private static final List<PostState> EDITABLE = ALWAYS.subList(0, 3);

  private static final int EXCERPT_WORDS = 8;
  private static final int EXCERPT_CHARS = 60;

  public PostsView {
    counts = Map.copyOf(counts);
    channels = Map.copyOf(channels);
    authors = Map.copyOf(authors);
  }

  /** One tab of the state row: "Drafts (3)". */
  public record Tab(String label, long count, String href, boolean current) {

    public String text() {
      return label + " (" + Figures.count(count) + ")";
    }

    /** {@code aria-current} for the tab: "page" on the selected one. */
    public String ariaCurrent() {
      return current ? "page" : null;
    }
  }

  /** A state as people say it: "In review", not "in_review". */
  public static String label(PostState s) {
    return switch (s) {
      case DRAFT -> "Draft";
      case IN_REVIEW -> "In review";
      case APPROVED -> "Approved";
      case SCHEDULED -> "Scheduled";
      case PUBLISHING -> "Publishing";
      case PUBLISHED -> "Published";
      case FAILED -> "Failed";
      case UNCONFIRMED -> "Unconfirmed";
    };
  }

  /** The tab's name for a state's posts: "Drafts", "In review". */
  static String tabLabel(PostState s) {
    return s == PostState.DRAFT ? "Drafts" : label(s);
  }

  public String base() {
    return "/w/" + workspace.slug() + "/posts";
  }

  public String composeHref() {
    return "/w/" + workspace.slug() + "/compose";
  }

  public String zone() {
    return workspace.timeZone().getId();
  }

  public List<Tab> tabs() {
    long all = counts.values().stream().mapToLong(Long::longValue).sum();
    List<Tab> tabs = new ArrayList<>();
    tabs.add(new Tab("All", all, base(), state == null));
    for (PostState s : PostState.values()) {
      long n = counts.getOrDefault(s, 0L);
      if (ALWAYS.contains(s) || n > 0 || s == state) {
        tabs.add(new Tab(tabLabel(s), n, base() + "?state=" + s.code(), s == state));
      }
    }
    return tabs;
  }

  /** What the list holds: "Drafts", "All posts". */
  public String shown() {
    return state == null ? "All posts" : tabLabel(state);
  }

  public List<PlannedPost> posts() {
    return list.posts();
  }

  public long offset() {
    return (long) (page - 1) * pageSize;
  }

  /** "Drafts: 1–50 of 120", "Drafts: none", or past the end "Drafts: 120, on 3 pages". */
  public String heading() {
    if (list.total() == 0) {
      return shown() + ": none";
    }
    if (pastEnd()) {
      return shown()
          + ": "
          + Figures.count(list.total())
          + ", on "
          + Figures.count(lastPage())
          + (lastPage() == 1 ? " page" : " pages");
    }
    return shown()
        + ": "
        + Figures.count(offset() + 1)
        + "–"
        + Figures.count(offset() + list.posts().size())
        + " of "
        + Figures.count(list.total());
  }

  public long lastPage() {
    return Math.max(1, (list.total() + pageSize - 1) / pageSize);
  }

  /** A page after the last one was asked for: there are posts, just not this far back. */
  public boolean pastEnd() {
    return list.posts().isEmpty() && list.total() > 0;
  }

  /** Why the list is empty, in words, for a state with no posts at all. */
  public String empty() {
    if (state == null) {
      return "No posts yet."
          + (canWrite ? " Posts you write in Compose appear here, whatever their state." : "");
    }
    return switch (state) {
      case DRAFT -> "No drafts. Posts you save in Compose without submitting them appear here.";
      case IN_REVIEW ->
          "Nothing in review. Posts submitted for approval wait here until a manager approves or"
              + " rejects them.";
      case APPROVED ->
          "Nothing approved and waiting. Approved posts appear here until they are scheduled.";
      case SCHEDULED ->
          "Nothing scheduled. Posts given a time or added to a channel's queue appear here until"
              + " they are published.";
      case PUBLISHING -> "Nothing is being published right now.";
      case PUBLISHED -> "Nothing published yet.";
      case FAILED -> "No failed posts.";
      case UNCONFIRMED ->
          "No unconfirmed posts: every post sent was confirmed or refused by its platform.";
    };
  }

  public boolean hasNewer() {
    return page > 1 && !pastEnd();
  }

  public boolean hasOlder() {
    return offset() + list.posts().size() < list.total();
  }

  public String newerHref() {
    return pageHref(page - 1);
  }

  public String olderHref() {
    return pageHref(page + 1);
  }

  public String lastPageHref() {
    return pageHref(lastPage());
  }

  private String pageHref(long n) {
    List<String> query = new ArrayList<>();
    if (state != null) {
      query.add("state=" + state.code());
    }
    if (n > 1) {
      query.add("page=" + n);
    }
    return base() + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  /** The post's title, else the first words of its first variant's text. */
  public String title(PlannedPost p) {
    if (p.title() != null && !p.title().isBlank()) {
      return p.title().strip();
    }
    if (p.variants().isEmpty() || p.variants().get(0).text() == null) {
      return "Post " + p.id();
    }
    String[] words = p.variants().get(0).text().strip().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      return "Post " + p.id();
    }
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (String w : words) {
      if (used == EXCERPT_WORDS || out.length() + w.length() + 1 > EXCERPT_CHARS) {
        break;
      }
      out.append(used == 0 ? "" : " ").append(w);
      used++;
    }
    if (used == 0) {
      // One long word (a link, say): its start.
      return words[0].substring(0, EXCERPT_CHARS) + "…";
    }
    return used < words.length ? out + "…" : out.toString();
  }

  /** Whether {@link #title} is the post's own title rather than words of its text. */
  public boolean titled(PlannedPost p) {
    return p.title() != null && !p.title().isBlank();
  }

  /**
   * Where the title leads: the composer for people who may still change the post, else its first
   * variant's page; null for a post without variants.
   */
  public String titleHref(PlannedPost p) {
    if (canWrite && EDITABLE.contains(p.state())) {
      return composeHref() + "?post=" + p.id();
    }
    return p.variants().isEmpty() ? null : variantHref(p.variants().get(0));
  }

  public String variantHref(PlannedVariant v) {
    return base() + "/" + v.id();
  }

  public String channel(PlannedVariant v) {
    Channel c = channels.get(v.channelId());
    return c == null ? "channel " + v.channelId() : c.platform().code() + " · " + c.handle();
  }

  /** A status class for the state: settled, in trouble, or neither. */
  public String tone(PostState s) {
    return switch (s) {
      case PUBLISHED -> "status-on";
      case FAILED, UNCONFIRMED -> "status-warn";
      case DRAFT -> "status-off";
      default -> "";
    };
  }

  /** The time that matters for the variant's state: when it goes or went out; else null. */
  public Instant at(PlannedVariant v) {
    return switch (v.state()) {
      case SCHEDULED, PUBLISHING -> v.scheduledAt();
      case PUBLISHED -> v.publishedAt() != null ? v.publishedAt() : v.scheduledAt();
      default -> null;
    };
  }

  /** The author's display name, or null when unknown (imported posts) or blank. */
  public String author(PlannedPost p) {
    return p.authorId() == null ? null : authors.get(p.authorId());
  }
}
