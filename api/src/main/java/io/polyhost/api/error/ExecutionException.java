package io.polyhost.api.error;

/**
 * Thrown to fail a call with an {@link ExecutionError}: the call's writes are rolled back and the
 * error is recorded in the block.
 */
public final class ExecutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // Never serialized: errors travel as protobuf.
  private final ExecutionError error;

  /** Fails the call with {@code error}. */
  public ExecutionException(ExecutionError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  /** Fails the call with a service error code defined by the service. */
  public static ExecutionException service(int code, String description) {
    return new ExecutionException(ExecutionError.service(code, description));
  }

  /** The error. */
  public ExecutionError error() {
    return error;
  }
}
