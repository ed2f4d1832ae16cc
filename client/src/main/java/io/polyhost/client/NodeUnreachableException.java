package io.polyhost.client;

/** The node did not answer: nothing listens at its address, the connection broke or timed out. */
public final class NodeUnreachableException extends ClientException {
  private static final long serialVersionUID = 1L;

  NodeUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
