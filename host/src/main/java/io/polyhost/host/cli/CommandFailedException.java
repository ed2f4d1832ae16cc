package io.polyhost.host.cli;

/** A client command's request reached the node and was carried out, but ended in failure. */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }
}
