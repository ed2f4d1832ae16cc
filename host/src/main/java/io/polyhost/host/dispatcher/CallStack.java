package io.polyhost.host.dispatcher;

/**
 * State shared by a top-level call and all its child calls: whether any child call failed. Once one
 * has, the state may be half-changed, so no call in the stack may touch data again and the
 * top-level call cannot succeed.
 */
final class CallStack {
  private boolean poisoned;

  void poison() {
    poisoned = true;
  }

  boolean isPoisoned() {
    return poisoned;
  }
}
