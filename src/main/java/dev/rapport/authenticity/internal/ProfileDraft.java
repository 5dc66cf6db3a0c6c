package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import java.time.Instant;

/**
 * Mutable, reusable holder that a reader fills field by field before {@link #build}. Not
 * thread-safe: one per reading thread.
 */
final class ProfileDraft {

  String platform;
  String id;
  String handle;
  String displayName;
  Instant observedAt;
  Instant createdAt;
  Long followers;
  Long following;
  Long posts;
  Long likes;
  Long listed;
  String bio;
  String url;
  String location;
  Boolean defaultAvatar;
  Boolean defaultProfile;
  Boolean verified;
  Boolean declaredBot;
  Boolean protectedAccount;
  String language;
  Instant lastActivityAt;

  void clear() {
    platform = null;
    id = null;
    handle = null;
    displayName = null;
    observedAt = null;
    createdAt = null;
    followers = null;
    following = null;
    posts = null;
    likes = null;
    listed = null;
    bio = null;
    url = null;
    location = null;
    defaultAvatar = null;
    defaultProfile = null;
    verified = null;
    declaredBot = null;
    protectedAccount = null;
    language = null;
    lastActivityAt = null;
  }

  ProfileSnapshot build(Instant defaultObservedAt) {
    return new ProfileSnapshot(
        platform,
        id,
        handle,
        displayName,
        observedAt != null ? observedAt : defaultObservedAt,
        createdAt,
        followers,
        following,
        posts,
        likes,
        listed,
        bio,
        url,
        location,
        defaultAvatar,
        defaultProfile,
        verified,
        declaredBot,
        protectedAccount,
        language,
        lastActivityAt);
  }
}
