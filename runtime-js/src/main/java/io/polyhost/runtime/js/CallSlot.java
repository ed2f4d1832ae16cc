package io.polyhost.runtime.js;

import org.jspecify.annotations.Nullable;

/**
 * The call a context is running, shared by its host bridges. Empty between calls: a service that
 * keeps its storage object in a module variable cannot use it outside a call.
 */
final class CallSlot {
  private @Nullable CallSession current;

  CallSession get() {
    CallSession session = current;
    if (session == null) {
      throw new GuestMisuseException(
          "Storage and child calls are only available while the host runs a call of the service,"
              + " not at module load time");
    }
    return session;
  }

  /** The running call, if any: a service calling itself re-enters its own context. */
  @Nullable CallSession current() {
    return current;
  }

  void set(@Nullable CallSession session) {
    current = session;
  }
}
