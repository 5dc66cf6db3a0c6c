package dev.rapport.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Revenue per post (attributed) and per person, over [from, to). Thread-safe. */
public interface Revenue {

  List<PostRevenue> byPost(
      long workspaceId, Instant from, Instant to, Attribution.Model model, Duration lookback);

  /** Biggest buyers first. */
  List<PersonRevenue> byPerson(long workspaceId, Instant from, Instant to, int limit);
}
