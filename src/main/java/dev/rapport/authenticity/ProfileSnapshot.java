package dev.rapport.authenticity;

import java.time.Instant;

/**
 * The public metadata of one account as observed at one moment: everything a verdict may use. A
 * {@code null} field means the source did not say (never "zero"), so that a verdict can tell how
 * much it could see.
 *
 * <p>Plain data with no framework types, so that the same scoring code can run in a batch job.
 */
public record ProfileSnapshot(
    String platform,
    String platformUserId,
    String handle,
    String displayName,
    Instant observedAt,
    Instant accountCreatedAt,
    Long followersCount,
    Long followingCount,
    Long postsCount,
    Long likesCount,
    Long listedCount,
    String bio,
    String url,
    String location,
    Boolean defaultAvatar,
    Boolean defaultProfile,
    Boolean verified,
    Boolean declaredBot,
    Boolean protectedAccount,
    String language,
    Instant lastActivityAt) {

  /** A builder keeps call sites readable: most sources fill only some fields. */
  public static Builder builder(String platform, String platformUserId) {
    return new Builder(platform, platformUserId);
  }

  public static final class Builder {
    private final String platform;
    private final String platformUserId;
    private String handle;
    private String displayName;
    private Instant observedAt;
    private Instant accountCreatedAt;
    private Long followersCount;
    private Long followingCount;
    private Long postsCount;
    private Long likesCount;
    private Long listedCount;
    private String bio;
    private String url;
    private String location;
    private Boolean defaultAvatar;
    private Boolean defaultProfile;
    private Boolean verified;
    private Boolean declaredBot;
    private Boolean protectedAccount;
    private String language;
    private Instant lastActivityAt;

    private Builder(String platform, String platformUserId) {
      this.platform = platform;
      this.platformUserId = platformUserId;
    }

    public Builder handle(String v) {
      handle = v;
      return this;
    }

    public Builder displayName(String v) {
      displayName = v;
      return this;
    }

    public Builder observedAt(Instant v) {
      observedAt = v;
      return this;
    }

    public Builder accountCreatedAt(Instant v) {
      accountCreatedAt = v;
      return this;
    }

    public Builder followersCount(Long v) {
      followersCount = v;
      return this;
    }

    public Builder followingCount(Long v) {
      followingCount = v;
      return this;
    }

    public Builder postsCount(Long v) {
      postsCount = v;
      return this;
    }

    public Builder likesCount(Long v) {
      likesCount = v;
      return this;
    }

    public Builder listedCount(Long v) {
      listedCount = v;
      return this;
    }

    public Builder bio(String v) {
      bio = v;
      return this;
    }

    public Builder url(String v) {
      url = v;
      return this;
    }

    public Builder location(String v) {
      location = v;
      return this;
    }

    public Builder defaultAvatar(Boolean v) {
      defaultAvatar = v;
      return this;
    }

    public Builder defaultProfile(Boolean v) {
      defaultProfile = v;
      return this;
    }

    public Builder verified(Boolean v) {
      verified = v;
      return this;
    }

    public Builder declaredBot(Boolean v) {
      declaredBot = v;
      return this;
    }

    public Builder protectedAccount(Boolean v) {
      protectedAccount = v;
      return this;
    }

    public Builder language(String v) {
      language = v;
      return this;
    }

    public Builder lastActivityAt(Instant v) {
      lastActivityAt = v;
      return this;
    }

    public ProfileSnapshot build() {
      return new ProfileSnapshot(
          platform,
          platformUserId,
          handle,
          displayName,
          observedAt,
          accountCreatedAt,
          followersCount,
          followingCount,
          postsCount,
          likesCount,
          listedCount,
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
}
