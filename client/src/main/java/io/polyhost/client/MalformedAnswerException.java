package io.polyhost.client;

/**
 * The node answered, but not in the shape the client expects: a missing or mistyped field, bytes
 * that do not decode. A client never guesses around such an answer; it may come from a node of
 * another version, or from one that is not to be trusted.
 */
public final class MalformedAnswerException extends ClientException {
  private static final long serialVersionUID = 1L;

  /** An answer that is wrong as {@code message} says. */
  public MalformedAnswerException(String message) {
    super(message);
  }

  /** An answer that is wrong as {@code message} says, found out through {@code cause}. */
  public MalformedAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
