package dev.rapport.platforms.bluesky.internal;

/** An {@code at://did/collection/rkey} record address. */
public record AtUri(String repo, String collection, String rkey) {

  public static AtUri parse(String uri) {
    if (uri == null || !uri.startsWith("at://")) {
      throw new IllegalArgumentException("not an at:// URI: " + uri);
    }
    String[] parts = uri.substring(5).split("/");
    if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("not a record URI: " + uri);
    }
    return new AtUri(parts[0], parts[1], parts[2]);
  }

  /** The DID of the repository, or null when the string is not a record URI. */
  public static String repoOf(String uri) {
    try {
      return parse(uri).repo();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "at://" + repo + "/" + collection + "/" + rkey;
  }
}
