package io.polyhost.runtime.js;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.PolyglotException;
import org.jspecify.annotations.Nullable;

/**
 * A service instance: its artifact and, built on first use, its own context. Calls are serialized;
 * a context that ran out of gas or was cancelled is dropped and rebuilt for the next call, which is
 * why a service keeps its state in storage and never in module variables.
 */
final class JsInstance implements AutoCloseable {
  private final InstanceSpec spec;
  private final JsArtifact artifact;
  private final SandboxEngine engine;
  private final Watchdog watchdog;
  private final JsLimits limits;
  private final EndpointPool endpointPool;
  private final @Nullable SpareGuest spare;
  private @Nullable Guest guest;
  private long blockHeight = -1;
  private long blockTimeMillis = Long.MIN_VALUE;

  /**
   * An instance; a {@code lasting} one (a running service, not a constructor's one-off) keeps a
   * spare context prepared for the next block.
   */
  JsInstance(
      InstanceSpec spec,
      JsArtifact artifact,
      SandboxEngine engine,
      Watchdog watchdog,
      JsLimits limits,
      boolean lasting) {
    this.spec = spec;
    this.artifact = artifact;
    this.engine = engine;
    this.watchdog = watchdog;
    this.limits = limits;
    this.spare =
        lasting
            ? new SpareGuest(
                () -> Guest.open(engine, spec.name(), artifact.code(), limits.statementsPerCall()),
                engine.preparer())
            : null;
    this.endpointPool =
        new EndpointPool(() ->
            Guest.open(
                engine, spec.name() + " endpoints", artifact.code(), limits.statementsPerCall()));
  }

  /** The contexts that answer this instance's read endpoints; not synchronized with calls. */
  EndpointPool endpointPool() {
    return endpointPool;
  }

  JsArtifact artifact() {
    return artifact;
  }

  InstanceSpec spec() {
    return spec;
  }

  /**
   * Runs entry point {@code kind} ({@code transaction} with {@code name}, or a hook) in {@code
   * session}; {@code seedSource} and {@code blockTimeMillis} fix the guest's randomness and clock.
   *
   * @throws io.polyhost.api.error.ExecutionException for a deterministic failure of the call
   * @throws NodeFaultException for a node-local one
   */
  synchronized void run(
      CallSession session,
      String kind,
      String name,
      byte[] arguments,
      String codec,
      byte[] seedSource,
      long blockTimeMillis) {
    String where =
        spec.name()
            + " "
            + switch (kind) {
              case "transaction" -> name;
              case "configure" -> "configure." + name;
              default -> kind;
            };
    Object raw = decodeArguments(arguments, codec, where);
    Guest g = guest();
    g.prepare(blockTimeMillis, seedSource);
    CallSession outer = g.slot.current(); // set when the service called itself
    g.slot.set(session);
    RuntimeException failure = null;
    long overflows = StackWatch.count();
    try (Watchdog.Armed armed = watchdog.arm(g)) {
      try {
        g.invoke(kind, name, raw, codec);
      } catch (PolyglotException e) {
        failure = CallFailures.of(e, g, session, armed.hasFired(), where, limits);
      }
      if (failure == null && armed.hasFired()) {
        failure = new NodeFaultException(where + " was cancelled by the watchdog as it returned");
      }
    } finally {
      g.slot.set(outer);
    }
    if (StackWatch.count() != overflows) {
      failure = CallFailures.stackOverflow(where, failure);
    }
    if (session.fault().isPresent()) {
      failure = session.fault().get();
    }
    if (failure != null) {
      if (CallFailures.killsGuest(failure)) {
        dropGuest();
      }
      throw failure;
    }
  }

  /**
   * Runs entry point {@code kind} in a consensus call made through {@code context}: the guest's
   * clock is the block time and its randomness is seeded from the transaction hash, or for hooks
   * from the instance, the height and the kind of call.
   */
  void call(ExecutionContext context, String kind, String name, byte[] arguments, String codec) {
    startBlock(context.height(), context.blockTime().toEpochMilli());
    byte[] seed =
        context
            .transactionHash()
            .map(h -> h.toBytes())
            .orElseGet(() -> hookSeed(context.instance(), context.height(), kind.charAt(0)));
    run(
        CallSession.of(context),
        kind,
        name,
        arguments,
        codec,
        seed,
        context.blockTime().toEpochMilli());
  }

  /**
   * Drops the context when a call belongs to another block than the previous one. Module variables
   * live in the context, and a service may (wrongly) keep state in them or leave promise callbacks
   * behind; a context lives at most one block, so that state is the same on every node, including
   * one that restarted or executed a proposal that was not committed, as long as proposals for one
   * height differ in their block time.
   */
  private synchronized void startBlock(long height, long timeMillis) {
    if (height != blockHeight || timeMillis != blockTimeMillis) {
      dropGuest();
      blockHeight = height;
      blockTimeMillis = timeMillis;
    }
  }

  /** A seed for calls without a transaction: the instance, the height and the kind of call. */
  static byte[] hookSeed(InstanceSpec spec, long height, char kind) {
    byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 14)
        .put(name)
        .putInt(spec.id())
        .putLong(height)
        .putChar(kind)
        .array();
  }

  private Guest guest() {
    Guest g = guest;
    if (g == null) {
      SpareGuest s = spare;
      if (s == null) {
        g = Guest.open(engine, spec.name(), artifact.code(), limits.statementsPerCall());
      } else {
        g = s.take();
        s.prepare(); // for the next block
      }
      guest = g;
    }
    return g;
  }

  private void dropGuest() {
    Guest g = guest;
    guest = null;
    if (g != null) {
      g.close();
    }
  }

  private static Object decodeArguments(byte[] arguments, String codec, String where) {
    if (codec.equals("bytes")) {
      return new ByteArrayProxy(arguments);
    }
    // A text nests at most one level per byte, so only a long one needs scanning.
    if (codec.equals("json")
        && arguments.length > Json.MAX_DEPTH
        && Json.nestingDepth(arguments) > Json.MAX_DEPTH) {
      // JSON.parse recurses on the JVM's stack: refused here, deterministically, instead.
      throw CommonError.MALFORMED_ARGUMENTS.exception(
          where + ": arguments are nested deeper than " + Json.MAX_DEPTH + " levels");
    }
    try {
      return Serializers.string().decode(arguments);
    } catch (IllegalArgumentException e) {
      throw CommonError.MALFORMED_ARGUMENTS.exception(
          where + ": arguments are not UTF-8 text: " + e.getMessage());
    }
  }

  /** 128 bits for the guest's generator, derived from the call's unique coordinates. */
  static int[] seed(byte[] source) {
    byte[] digest =
        Hash.sha256("polyhost.js.random".getBytes(StandardCharsets.UTF_8), source).toBytes();
    ByteBuffer buffer = ByteBuffer.wrap(digest);
    return new int[] {buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt()};
  }

  @Override
  public void close() {
    endpointPool.close();
    if (spare != null) {
      spare.close();
    }
    synchronized (this) {
      dropGuest();
    }
  }
}
