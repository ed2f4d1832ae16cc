package io.polyhost.runtime.js;

/**
 * A JavaScript call failed for a reason that is a fact about this node, not about the call: the
 * wall-clock watchdog fired, the JVM ran out of memory, the engine failed, or storage broke. It is
 * deliberately not an {@link io.polyhost.api.error.ExecutionException}, so the dispatcher stops the
 * block instead of recording an outcome other nodes might not share.
 */
final class NodeFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NodeFaultException(String message) {
    super(message);
  }

  NodeFaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
