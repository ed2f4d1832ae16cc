package io.polyhost.runtime.java;

/**
 * A call into artifact code failed for a reason that is a fact about this node, not about the call:
 * it ran past the wall-clock limit. Deliberately not an {@link
 * io.polyhost.api.error.ExecutionException}, so the dispatcher halts the block instead of recording
 * an outcome other nodes might not share.
 */
final class NodeFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeFaultException(String message) {
    super(message);
  }
}
