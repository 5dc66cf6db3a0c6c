package dev.rapport.platforms;

/** The result of looking on the platform for a post whose publish outcome was unknown. */
public sealed interface Lookup {

  record Found(PublishResult.Published post) implements Lookup {}

  /** The platform answered and the post is not there: publishing again is safe. */
  record NotFound() implements Lookup {}

  /** The platform could not be asked (down, rate-limited); look again later. */
  record CannotTell(String message) implements Lookup {}
}
