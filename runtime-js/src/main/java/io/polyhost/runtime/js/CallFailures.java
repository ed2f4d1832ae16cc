package io.polyhost.runtime.js;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a failed guest call means, in this order: a node-local fault (a host failure the
 * guest may even have caught, the watchdog, memory, the engine, an uncaught stack overflow) halts
 * the node; exhausted gas is {@link JsError#OUT_OF_GAS}; an {@code ExecutionError} is a service
 * error with its code; a failed child call rethrows the child's error; undecodable arguments are
 * {@code MALFORMED_ARGUMENTS}; anything else the service threw is {@code UNEXPECTED}.
 */
final class CallFailures {
  private CallFailures() {}

  /** Whether the guest is unusable after {@code failure} and must be rebuilt. */
  static boolean killsGuest(RuntimeException failure) {
    return failure instanceof NodeFaultException
        || (failure instanceof ExecutionException e && e.error().is(JsError.OUT_OF_GAS));
  }

  static RuntimeException of(
      PolyglotException e,
      Guest guest,
      CallSession session,
      boolean watchdogFired,
      String where,
      JsLimits limits) {
    if (session.fault().isPresent()) {
      return session.fault().get();
    }
    if (watchdogFired) {
      return new NodeFaultException(
          where
              + " ran longer than "
              + limits.wallClockPerCall()
              + " and was cancelled by the watchdog: a fact about this node, never a result",
          e);
    }
    if (guest.gasExhausted.get()) {
      return outOfGas(where, limits);
    }
    if (e.isHostException()) {
      Throwable host = e.asHostException();
      if (host instanceof ExecutionException x) {
        return x;
      }
      if (CallSession.isDeterministic(host)) {
        return unexpected(where, String.valueOf(host.getMessage()));
      }
      return new NodeFaultException(where + " failed in the host: " + host, host);
    }
    if (e.isGuestException() && !e.isInternalError() && !e.isResourceExhausted()) {
      return guestError(e, guest, session, where, limits);
    }
    return new NodeFaultException(where + " failed in the engine: " + e.getMessage(), e);
  }

  private static RuntimeException guestError(
      PolyglotException e, Guest guest, CallSession session, String where, JsLimits limits) {
    Value thrown = e.getGuestObject();
    if (thrown == null) {
      return unexpected(where, String.valueOf(e.getMessage()));
    }
    Value kind;
    try {
      kind = guest.classify(thrown);
    } catch (PolyglotException inner) {
      // Classifying ran the guest's own getters: they may run out of gas too.
      return guest.gasExhausted.get()
          ? outOfGas(where, limits)
          : unexpected(where, String.valueOf(e.getMessage()));
    }
    String type = kind.getArrayElement(0).asString();
    int code = kind.getArrayElement(1).asInt();
    String message = kind.getArrayElement(2).asString();
    return switch (type) {
      case "service" -> ExecutionException.service(code, message);
      case "call" -> session.childFailure(code);
      case "endpoint" -> new EndpointFailure(code, message);
      case "arguments" ->
          CommonError.MALFORMED_ARGUMENTS.exception(where + ": arguments: " + message);
      default -> unexpected(where, String.valueOf(e.getMessage()));
    };
  }

  /**
   * What a call that overflowed the JVM's stack ends in, whether the guest caught the overflow or
   * not ({@link StackWatch}): a fault of this node, since how deep a stack gets depends on the
   * node.
   */
  static NodeFaultException stackOverflow(String where, @Nullable Throwable cause) {
    String message =
        where
            + " overflowed the stack. How deep a stack gets depends on this node's JVM (stack size,"
            + " compiled code), so the call is never recorded as a result, even if the service"
            + " caught the error";
    return cause == null ? new NodeFaultException(message) : new NodeFaultException(message, cause);
  }

  static ExecutionException outOfGas(String where, JsLimits limits) {
    return JsError.OUT_OF_GAS.exception(
        where + " ran out of gas: more than " + limits.statementsPerCall() + " statements");
  }

  private static ExecutionException unexpected(String where, String message) {
    return new ExecutionException(ExecutionError.unexpected(where + ": " + message));
  }
}
