package org.cibnet.config;

/** A failure a user can act on: the message says what is wrong, where, and how to fix it. */
public final class CibnetException extends RuntimeException {
  public CibnetException(String message) {
    super(message);
  }

  public CibnetException(String message, Throwable cause) {
    super(message, cause);
  }
}
