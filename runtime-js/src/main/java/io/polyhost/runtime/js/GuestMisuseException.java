package io.polyhost.runtime.js;

/**
 * A service used the API wrongly (a value too large, storage outside a call, a bad codec). The same
 * code does the same on every node, so it is a deterministic failure of the call: recorded as an
 * unexpected error if the service does not catch it.
 */
final class GuestMisuseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GuestMisuseException(String message) {
    super(message);
  }
}
