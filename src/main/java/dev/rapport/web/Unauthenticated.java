package dev.rapport.web;

/** The route needs a signed-in user or a valid API token and the request has neither. */
final class Unauthenticated extends RuntimeException {
  Unauthenticated(String message) {
    super(message, null, false, false);
  }
}
