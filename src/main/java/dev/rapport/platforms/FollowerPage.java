package dev.rapport.platforms;

import java.util.List;

/** One page of followers; {@code nextCursor} null at the end. */
public record FollowerPage(
    List<SeenAccount> followers, String nextCursor, SyncPage.SyncFailure failure) {

  public FollowerPage {
    followers = List.copyOf(followers);
  }
}
