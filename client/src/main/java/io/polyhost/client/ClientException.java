package io.polyhost.client;

/**
 * Why a call to a node did not give an answer the client can use: the node refused ({@link
 * NodeProblemException}), could not be reached ({@link NodeUnreachableException}) or answered
 * something malformed ({@link MalformedAnswerException}).
 */
public abstract sealed class ClientException extends RuntimeException
    permits NodeProblemException, NodeUnreachableException, MalformedAnswerException {
  private static final long serialVersionUID = 1L;

  ClientException(String message) {
    super(message);
  }

  ClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
