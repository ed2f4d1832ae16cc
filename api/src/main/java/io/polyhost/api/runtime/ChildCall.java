package io.polyhost.api.runtime;

import java.util.Objects;

/**
 * A call from one service into another within the same transaction or hook: synchronous, on the
 * same state, rolled back with the whole top-level call if anything fails.
 *
 * @param target the callee; it must be active
 * @param interfaceName the callee's interface: empty for its own (default) interface, or a
 *     qualified name such as {@code polyhost.Configure}
 * @param methodId the method within that interface
 * @param arguments the serialized arguments
 * @param fallthroughAuth if {@code true} the callee sees the caller of the calling service (for
 *     example the transaction author) instead of the calling service itself; for middleware such as
 *     batching
 */
public record ChildCall(
    InstanceQuery target,
    String interfaceName,
    int methodId,
    byte[] arguments,
    boolean fallthroughAuth) {

  /** Checks and copies the parts. */
  public ChildCall {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(interfaceName, "interfaceName");
    arguments = arguments.clone();
  }

  /**
   * A call of {@code methodId} in the default interface of {@code target}, as the calling service.
   */
  public static ChildCall of(InstanceQuery target, int methodId, byte[] arguments) {
    return new ChildCall(target, "", methodId, arguments, false);
  }

  /** The same call, in interface {@code name}. */
  public ChildCall inInterface(String name) {
    return new ChildCall(target, name, methodId, arguments, fallthroughAuth);
  }

  /** The same call, made on behalf of the calling service's own caller. */
  public ChildCall withFallthroughAuth() {
    return new ChildCall(target, interfaceName, methodId, arguments, true);
  }

  /** A copy of the arguments. */
  @Override
  public byte[] arguments() {
    return arguments.clone();
  }
}
