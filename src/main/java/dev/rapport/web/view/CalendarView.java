package dev.rapport.web.view;

import dev.rapport.content.PostState;
import dev.rapport.publishing.BlockedDate;
import dev.rapport.publishing.CalendarDay;
import dev.rapport.publishing.CalendarEntry;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calendar: a month (whole weeks, Monday first) or one week, each day with its variants, the
 * channels' slots and runway, and the blocked dates; and the queues page, which reads the same
 * queues.
 *
 * @param month the month shown, or null in the week view
 * @param days whole weeks, Monday to Sunday
 * @param error why the last move was refused, or null
 */
public record CalendarView(
    Workspace workspace,
    YearMonth month,
    LocalDate anchor,
    LocalDate today,
    List<CalendarDay> days,
    Map<Long, Channel> channels,
    List<ChannelQueue> queues,
    List<BlockedDate> blocked,
    boolean canMove,
    String error) {

  public CalendarView {
    days = List.copyOf(days);
    channels = Map.copyOf(channels);
    queues = List.copyOf(queues);
    blocked = List.copyOf(blocked);
  }

  public boolean isMonth() {
    return month != null;
  }

  public String base() {
    return "/w/" + workspace.slug() + "/calendar";
  }

  public String heading() {
    return isMonth()
        ? Dates.month(month)
        : "Week of "
            + Dates.dayInMonth(days.get(0).date())
            + " – "
            + Dates.dayInMonth(days.get(6).date());
  }

  public List<List<CalendarDay>> weeks() {
    List<List<CalendarDay>> weeks = new ArrayList<>();
    for (int i = 0; i < days.size(); i += 7) {
      weeks.add(days.subList(i, Math.min(i + 7, days.size())));
    }
    return weeks;
  }

  public String previousHref() {
    return isMonth()
        ? base() + "?month=" + month.minusMonths(1)
        : base() + "?week=" + anchor.minusWeeks(1);
  }

  public String nextHref() {
    return isMonth()
        ? base() + "?month=" + month.plusMonths(1)
        : base() + "?week=" + anchor.plusWeeks(1);
  }

  public String monthHref() {
    return base() + "?month=" + YearMonth.from(anchor);
  }

  public String weekHref() {
    LocalDate in = isMonth() && !YearMonth.from(today).equals(month) ? month.atDay(1) : today;
    return base() + "?week=" + (isMonth() ? in : anchor);
  }

  public boolean outside(CalendarDay d) {
    return isMonth() && !YearMonth.from(d.date()).equals(month);
  }

  public boolean isToday(CalendarDay d) {
    return d.date().equals(today);
  }

  public String dayLabel(LocalDate d) {
    return Dates.dayInMonth(d);
  }

  public String label(long channelId) {
    Channel c = channels.get(channelId);
    return c == null ? "channel " + channelId : c.platform().code() + " · " + c.handle();
  }

  public String platform(long channelId) {
    Channel c = channels.get(channelId);
    return c == null ? "" : c.platform().code();
  }

  public String postHref(CalendarEntry e) {
    return "/w/" + workspace.slug() + "/posts/" + e.variantId();
  }

  public String composeHref(CalendarEntry e) {
    return "/w/" + workspace.slug() + "/compose?post=" + e.postId();
  }

  /** Only scheduled variants move; published ones happened, drafts have no place yet. */
  public boolean movable(CalendarEntry e) {
    return canMove && e.state() == PostState.SCHEDULED;
  }

  public String state(CalendarEntry e) {
    return e.state().code().replace('_', ' ');
  }

  /** The entry's local time as forms and scripts take it ("09:15", seconds when it has them). */
  public String time(CalendarEntry e) {
    return e.localTime().toString();
  }

  /** The entry's local time as people read it ("09:15"). */
  public String clock(CalendarEntry e) {
    return Dates.time(e.localTime());
  }

  /** The blocked dates of one day (for every channel or one), as words. */
  public List<String> blocks(LocalDate day) {
    List<String> out = new ArrayList<>();
    for (BlockedDate b : blocked) {
      if (b.day().equals(day)) {
        out.add(
            "Blocked"
                + (b.channelId() == null ? "" : " for " + label(b.channelId()))
                + (b.reason().isBlank() ? "" : ": " + b.reason()));
      }
    }
    return out;
  }

  public String zone() {
    return workspace.timeZone().getId();
  }

  /** The longest runway of the workspace's channels, in days. */
  public long runwayDays() {
    return queues.stream().mapToLong(ChannelQueue::runwayDays).max().orElse(0);
  }

  public String slots(ChannelQueue q) {
    return q.slots().isEmpty()
        ? "none"
        : String.join(", ", q.slots().stream().map(Object::toString).toList());
  }
}
