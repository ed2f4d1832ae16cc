package io.polyhost.host.dispatcher;

/**
 * The node must stop processing blocks: going on could make its state differ from the network's, or
 * lose data. Thrown for failures that are facts about this node rather than about a transaction —
 * an {@link Error} or storage failure during execution, a committed artifact that cannot be
 * deployed here, a local migration whose hash differs from the agreed one. Nothing of the block
 * being processed has been persisted; the message says what happened and what to do.
 */
public final class NodeHaltException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A halt explained by {@code message}. */
  public NodeHaltException(String message) {
    super(message);
  }

  /** A halt explained by {@code message}, caused by {@code cause}. */
  public NodeHaltException(String message, Throwable cause) {
    super(message, cause);
  }
}
