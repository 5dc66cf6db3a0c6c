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

  /** Renames the workspace and moves it to another time zone (the slug never changes). */
  void update(long workspaceId, String name, java.time.ZoneId timeZone);

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

  /**
   * Replaces a user's password hash (from {@link PasswordHasher}); false when there is no such
   * user. The caller ends the user's other sessions ({@link Sessions#closeAll}).
   */
  boolean changePassword(long userId, String passwordHash);

  void grant(long workspaceId, long userId, Role role);

  Optional<Role> role(long workspaceId, long userId);

  List<Membership> memberships(long userId);

  /** The workspace's users with their roles, owners first, then by e-mail. */
  List<Member> members(long workspaceId);

  /**
   * Changes a member's role, unless that would leave the workspace without an owner (checked in the
   * same transaction, with the workspace row locked, so that two owners demoting each other at once
   * cannot both succeed).
   *
   * @return false when refused because the member is the last owner; true when changed (or already
   *     that role)
   * @throws java.util.NoSuchElementException when the user is not a member
   */
  boolean changeRole(long workspaceId, long userId, Role role);

  /**
   * Removes a member, unless they are the last owner (checked as in {@link #changeRole}).
   *
   * @return false when refused because the member is the last owner
   * @throws java.util.NoSuchElementException when the user is not a member
   */
  boolean removeMember(long workspaceId, long userId);

  /** A user of a workspace with their role there. */
  record Member(User user, Role role) {}
}
