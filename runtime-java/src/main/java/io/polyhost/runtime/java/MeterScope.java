package io.polyhost.runtime.java;

import io.polyhost.api.error.ExecutionException;

/**
 * The meter around one call into artifact code. The outermost call on a thread opens a fresh {@link
 * Meter}; a call nested in it (a child call to another Java service) joins that meter, so the whole
 * transaction shares one budget. {@link #verdict()} turns a stopped meter into the call's outcome.
 */
final class MeterScope implements AutoCloseable {
  private final Meter meter;
  private final boolean outermost;

  private MeterScope(Meter meter, boolean outermost) {
    this.meter = meter;
    this.outermost = outermost;
  }

  /** A scope for a call: a transaction, hook, constructor, endpoint or deploy. */
  static MeterScope forCall(GasLimits limits) {
    Meter running = Meter.current();
    if (running != null) {
      return new MeterScope(running, false);
    }
    return open(
        new Meter(
            limits.gasPerCall(), limits.maxStackSlots(), limits.wallClockPerCall().toNanos()));
  }

  /** A scope for a migration script: its own, larger budget and no wall-clock limit. */
  static MeterScope forMigration(GasLimits limits) {
    return open(new Meter(limits.gasPerMigration(), limits.maxStackSlots(), 0));
  }

  private static MeterScope open(Meter meter) {
    Meter.open(meter);
    return new MeterScope(meter, true);
  }

  /**
   * Returns if the meter let the call run to its end; otherwise throws the call's outcome.
   *
   * @throws ExecutionException with {@link JavaRuntimeError#OUT_OF_GAS} or {@link
   *     JavaRuntimeError#CALL_TOO_DEEP}, the same on every node
   * @throws NodeFaultException if the wall clock ran out, which is node-local
   * @throws VirtualMachineError the error of the JVM artifact code caught, which halts the node
   */
  void verdict() {
    Meter.Stop stop = meter.stopped();
    if (stop == null) {
      return;
    }
    switch (stop) {
      case OUT_OF_GAS ->
          throw JavaRuntimeError.OUT_OF_GAS.exception(
              "Artifact code ran out of gas: the call may use " + meter.budget());
      case TOO_DEEP ->
          throw JavaRuntimeError.CALL_TOO_DEEP.exception(
              "Artifact code nested its calls too deeply: more than "
                  + meter.maxSlots()
                  + " stack slots");
      case TIMEOUT ->
          throw new NodeFaultException(
              "Artifact code ran past the wall-clock limit; this is node-local, so the block is"
                  + " halted");
      case JVM_ERROR -> {
        Throwable error = meter.jvmError();
        throw error instanceof VirtualMachineError e
            ? e
            : new InternalError("Artifact code caught an error of the JVM");
      }
    }
  }

  /** Forgets the meter if this scope opened it. */
  @Override
  public void close() {
    if (outermost) {
      Meter.close(meter);
    }
  }
}
