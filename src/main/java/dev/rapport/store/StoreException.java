package dev.rapport.store;

/** A storage failure that a person can act on: bad URL, unreachable server, failed migration. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
