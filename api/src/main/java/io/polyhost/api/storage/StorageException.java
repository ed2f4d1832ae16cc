package io.polyhost.api.storage;

/**
 * A storage operation that cannot be carried out: a write through a read-only view, an index opened
 * as the wrong type, a value that is too large, corrupt data.
 *
 * <p>A storage exception thrown inside a transaction is never the transaction's fault alone: the
 * host treats database failures as node failures, not as transaction results.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message that says what went wrong and what to do. */
  public StorageException(String message) {
    super(message);
  }

  /** With a message and the underlying cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
