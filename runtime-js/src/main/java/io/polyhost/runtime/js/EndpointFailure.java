package io.polyhost.runtime.js;

/**
 * A read endpoint refused a request by throwing an {@code EndpointError}: the HTTP status and
 * message it chose. Node-local, like everything about endpoints.
 */
final class EndpointFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  EndpointFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, 400–599. */
  int status() {
    return status;
  }
}
