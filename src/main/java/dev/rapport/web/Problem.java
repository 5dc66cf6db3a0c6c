package dev.rapport.web;

/**
 * An RFC 9457 problem detail, the body of every API error.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 */
record Problem(String type, String title, int status, String detail, String instance) {

  static final String MEDIA_TYPE = "application/problem+json";
}
