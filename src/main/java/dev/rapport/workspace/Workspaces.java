package dev.rapport.workspace;

import java.util.List;
import java.util.Optional;

/** Workspaces, their channels, users and roles. Implementations are thread-safe. */
public interface Workspaces {

  Workspace create(String slug, String name, java.time.ZoneId timeZone, TargetAudience audience);

  Optional<Workspace> bySlug(String slug);

  Optional<Workspace> byId(long id);

  /** Every workspace, by slug. */
  List<Workspace> all();

  void updateAudience(long workspaceId, TargetAudience audience);

  Channel addChannel(long workspaceId, Platform platform, String handle, String displayName);

  void updateChannelPlan(long channelId, Long platformFollowers, Integer postsPerWeek);

  List<Channel> channels(long workspaceId);

  Optional<Channel> channel(long workspaceId, long channelId);

  /** Creates a user; {@code passwordHash} comes from {@link PasswordHasher}. */
  User createUser(String email, String displayName, String passwordHash);

  Optional<User> userByEmail(String email);

  Optional<User> user(long id);

  /** The stored password hash, for sign-in checks only. */
  Optional<String> passwordHash(long userId);

  void grant(long workspaceId, long userId, Role role);

  Optional<Role> role(long workspaceId, long userId);

  List<Membership> memberships(long userId);
}
