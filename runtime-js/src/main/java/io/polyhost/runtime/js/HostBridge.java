package io.polyhost.runtime.js;

import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.service.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The guest's side of a call: its information, child calls, and a read endpoint's proofs. Public
 * only because GraalJS exports members of public classes; constructed by the runtime alone.
 */
public final class HostBridge {
  private static final int MAX_ARGUMENT_BYTES = GuestValues.MAX_VALUE_BYTES;

  private final CallSlot slot;

  HostBridge(CallSlot slot) {
    this.slot = slot;
  }

  /**
   * The information of call {@code number} as JSON (see {@code CallSession}); refused when that
   * call is not the one running, because the guest kept its context object past the call.
   */
  @HostAccess.Export
  public String info(long number) {
    CallSession session = slot.get();
    if (session.number() != number) {
      throw new GuestMisuseException(
          "A ctx object describes only the call it was passed to; this one's call has ended."
              + " Read what a call needs from its own ctx");
    }
    return session.info();
  }

  /**
   * Calls another service; returns -1 on success, or a token for the failure that {@link
   * #childFailure} describes and the guest's {@code CallError} carries.
   */
  @HostAccess.Export
  public int call(
      String name, int id, String interfaceName, int method, Value arguments, boolean fallthrough) {
    CallSession session = slot.get();
    byte[] args = GuestValues.bytes(arguments, "Child call arguments", MAX_ARGUMENT_BYTES);
    InstanceQuery target;
    if (!name.isEmpty()) {
      target = InstanceQuery.name(name);
    } else if (id >= 0) {
      target = InstanceQuery.id(id);
    } else {
      throw new GuestMisuseException("A call target is an instance id from 0, got " + id);
    }
    ChildCall call = new ChildCall(target, interfaceName, method, args, fallthrough);
    return session.guard(() -> {
      try {
        session.context().call(call);
        return -1;
      } catch (ExecutionException e) {
        return session.addChildFailure(e);
      }
    });
  }

  /**
   * Refuses JSON text nested deeper than {@link Json#MAX_DEPTH} before it is stored: reading it
   * back must not depend on how deep this node's stack lets {@code JSON.parse} go.
   */
  @HostAccess.Export
  public void checkJson(String text) {
    if (Json.nestingDepth(text.getBytes(StandardCharsets.UTF_8)) > Json.MAX_DEPTH) {
      throw new GuestMisuseException(
          "A value nested deeper than " + Json.MAX_DEPTH + " levels cannot be stored as JSON");
    }
  }

  /**
   * Proves {@code keys} (strings or buffers, already encoded by the guest) in the read endpoint's
   * proof map {@code name}; returns the hex of the state proof.
   */
  @HostAccess.Export
  public String proveMap(String name, Value keys) {
    if (!keys.hasArrayElements()) {
      throw new GuestMisuseException("ctx.prove takes a key or an array of keys");
    }
    long count = keys.getArraySize();
    if (count > EndpointProofs.MAX_ENTRIES) {
      throw new GuestMisuseException(
          "ctx.prove proves at most " + EndpointProofs.MAX_ENTRIES + " keys, asked for " + count);
    }
    List<byte[]> encoded = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      encoded.add(GuestValues.key(keys.getArrayElement(i)));
    }
    CallSession session = slot.get();
    EndpointProofs proofs = session.proofs();
    return session.guard(() -> proofs.map(session.data(), name, encoded));
  }

  /**
   * Proves the elements from {@code from} to {@code toExclusive} of the read endpoint's proof list
   * {@code name}; returns the hex of the state proof.
   */
  @HostAccess.Export
  public String proveList(String name, long from, long toExclusive) {
    CallSession session = slot.get();
    EndpointProofs proofs = session.proofs();
    return session.guard(() -> proofs.list(session.data(), name, from, toExclusive));
  }

  /** Persists a migration's progress (see {@code MigrationContext.merge}). */
  @HostAccess.Export
  public void merge() {
    slot.get().merge();
  }

  /** Marks the old index {@code name} for removal when the migration is flushed. */
  @HostAccess.Export
  public void createTombstone(String name) {
    slot.get().createTombstone(name);
  }

  /** The failure behind {@code token} as JSON: kind label, code, description. */
  @HostAccess.Export
  public String childFailure(int token) {
    ExecutionError error = slot.get().childFailure(token).error();
    return "{\"kind\":"
        + JsonStrings.quote(error.kind().label())
        + ",\"code\":"
        + error.code()
        + ",\"description\":"
        + JsonStrings.quote(error.description())
        + "}";
  }
}
