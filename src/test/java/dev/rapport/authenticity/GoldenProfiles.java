package dev.rapport.authenticity;

import java.time.Instant;
import java.util.List;

/** Hand-written profiles whose committed-model probabilities are recorded in the golden test. */
public final class GoldenProfiles {

  static final Instant OBSERVED = Instant.parse("2024-01-10T00:00:00Z");

  private GoldenProfiles() {}

  public static List<ProfileSnapshot> all() {
    return List.of(
        ProfileSnapshot.builder("x", "g1")
            .handle("marie_dubois")
            .displayName("Marie Dubois")
            .observedAt(OBSERVED)
            .accountCreatedAt(Instant.parse("2009-03-17T08:51:12Z"))
            .followersCount(812L)
            .followingCount(390L)
            .postsCount(4210L)
            .likesCount(2950L)
            .listedCount(12L)
            .bio("Boulangère à Lyon. Pain au levain, viennoiseries.")
            .url("https://boulangerie-marie.fr")
            .location("Lyon, France")
            .defaultAvatar(false)
            .defaultProfile(false)
            .verified(false)
            .protectedAccount(false)
            .build(),
        ProfileSnapshot.builder("x", "g2")
            .handle("xk7d2q9f3")
            .displayName("xk7d2q9f3")
            .observedAt(OBSERVED)
            .accountCreatedAt(Instant.parse("2024-01-07T00:00:00Z"))
            .followersCount(12L)
            .followingCount(4812L)
            .postsCount(900L)
            .likesCount(0L)
            .listedCount(0L)
            .bio("")
            .url("")
            .location("")
            .defaultAvatar(true)
            .defaultProfile(true)
            .verified(false)
            .protectedAccount(false)
            .build(),
        ProfileSnapshot.builder("x", "g3")
            .handle("LeProgresLyon")
            .displayName("Le Progrès Lyon")
            .observedAt(OBSERVED)
            .accountCreatedAt(Instant.parse("2009-02-02T10:00:00Z"))
            .followersCount(254_000L)
            .followingCount(1200L)
            .postsCount(98_000L)
            .likesCount(300L)
            .listedCount(2100L)
            .bio("L'actualité de Lyon et de sa région")
            .url("https://www.leprogres.fr")
            .location("Lyon")
            .defaultAvatar(false)
            .defaultProfile(false)
            .verified(true)
            .protectedAccount(false)
            .build(),
        ProfileSnapshot.builder("x", "g4")
            .handle("qzv83920174")
            .observedAt(OBSERVED)
            .accountCreatedAt(Instant.parse("2023-12-18T12:00:00Z"))
            .followersCount(1L)
            .followingCount(2301L)
            .postsCount(0L)
            .build(),
        ProfileSnapshot.builder("mastodon", "g5")
            .handle("claire")
            .followersCount(210L)
            .followingCount(180L)
            .postsCount(1200L)
            .build());
  }
}
