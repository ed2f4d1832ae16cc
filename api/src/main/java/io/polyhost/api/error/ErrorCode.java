package io.polyhost.api.error;

/** A named error code of a fixed kind, such as {@link CoreError} or a service's own codes. */
public interface ErrorCode {
  /** The kind the code belongs to. */
  ErrorKind kind();

  /** The numeric code; part of consensus, so never reuse one for another meaning. */
  int code();

  /** An error with this code and a description of what went wrong. */
  default ExecutionError error(String description) {
    return ExecutionError.of(kind(), code(), description);
  }

  /** The same, as an exception to throw. */
  default ExecutionException exception(String description) {
    return new ExecutionException(error(description));
  }
}
