package io.polyhost.runtime.js;

import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One GraalJS context with the determinism prelude, the service API and a service module loaded,
 * frozen in that order. Used by one thread at a time.
 *
 * <p>The handles ({@code invoke}, {@code classify}, and the prelude's control and seed behind them)
 * live only here: nothing in the guest's global scope leads to them.
 */
final class Guest implements AutoCloseable {
  final Context context;
  final CallSlot slot = new CallSlot();
  final AtomicBoolean gasExhausted = new AtomicBoolean();
  private final SeedBridge seeder = new SeedBridge();
  private final Value invoke;
  private final Value classify;
  private final Value exports;
  private long clockMillis;

  private Guest(SandboxEngine engine, String tag, JsCode code, long statementLimit) {
    this.context = engine.newContext(tag, statementLimit, gasExhausted, code.files());
    try {
      Value control =
          context.eval(engine.prelude()).execute(new StrictMathBridge(), new StackBridge(), seeder);
      Value api =
          context
              .eval(engine.serviceApi())
              .execute(
                  new HostBridge(slot),
                  StorageBridge.service(slot),
                  StorageBridge.of(slot, CallSession::oldData),
                  StorageBridge.of(slot, CallSession::newData),
                  StorageBridge.of(slot, CallSession::scratchpad),
                  control);
      invoke = api.getMember("invoke");
      classify = api.getMember("classify");
      context.eval(engine.lockdown()).execute();
      exports = context.eval(code.entry());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Builds a context and evaluates the entry module of {@code code} in it.
   *
   * @throws PolyglotException if the module does not parse or its top-level code fails
   */
  static Guest open(SandboxEngine engine, String tag, JsCode code, long statementLimit) {
    return new Guest(engine, tag, code, statementLimit);
  }

  /** The module's exports. */
  Value exports() {
    return exports;
  }

  /**
   * Sets the clock and the random generator's seed source for the next call (the guest takes them
   * when the call starts), then refills the gas.
   */
  void prepare(long blockTimeMillis, byte[] seedSource) {
    clockMillis = blockTimeMillis;
    seeder.reset(seedSource);
    refill();
  }

  /** Refills the gas; also works from a host call the guest is making. */
  void refill() {
    gasExhausted.set(false);
    context.resetLimits();
  }

  /**
   * Runs entry point {@code kind} ({@code name} for transactions) with undecoded arguments; returns
   * what the guest returns (the JSON answer of an endpoint, nothing for the others).
   */
  Value invoke(String kind, String name, Object rawArguments, String codec) {
    return invoke.execute(
        exports, kind, name, rawArguments, codec, (double) clockMillis, slot.get().number());
  }

  /** What a thrown guest value is: {@code [type, code, message]}, see {@code service-api.js}. */
  Value classify(Value thrown) {
    return classify.execute(thrown);
  }

  /** Closes the context, also when a statement limit or a cancellation left it unusable. */
  @Override
  public void close() {
    try {
      context.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      // A context killed by its limit rethrows that on close; it is released all the same.
    }
  }
}
