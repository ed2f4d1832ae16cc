package io.polyhost.runtime.java;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The gas and stack of one call into artifact code, on the calling thread. Instrumented code
 * reaches it through {@link Gas}; the runtime opens it around each call ({@link MeterScope}) and
 * reads afterwards why it stopped, if it did. Once stopped it stays stopped: every further charge
 * throws again, so code that swallows a {@link MeterStop} cannot go on.
 */
final class Meter {
  /** Why a meter stopped its call. */
  enum Stop {
    /** More gas than the budget: deterministic. */
    OUT_OF_GAS,
    /** Frames nested beyond the stack limit: deterministic. */
    TOO_DEEP,
    /** The wall clock ran out: node-local. */
    TIMEOUT,
    /** Artifact code caught an error of the JVM: node-local. */
    JVM_ERROR
  }

  private static final ThreadLocal<Meter> CURRENT = new ThreadLocal<>();
  private static final AtomicReference<@Nullable Owner> LAST = new AtomicReference<>();

  /** How often, in charges, the wall clock is read: reading it costs about as much as a call. */
  private static final int CLOCK_EVERY = 1 << 12;

  private final long budget;
  private final int maxSlots;
  private final long started = System.nanoTime();
  private final long wallClockNanos;
  private long remaining;
  private int slots;
  private int untilClock = CLOCK_EVERY;
  private @Nullable Stop stop;
  private @Nullable Throwable jvmError;

  /** A meter of {@code budget} gas and {@code maxSlots}; {@code wallClockNanos} 0 for no limit. */
  Meter(long budget, int maxSlots, long wallClockNanos) {
    this.budget = budget;
    this.maxSlots = maxSlots;
    this.wallClockNanos = wallClockNanos;
    this.remaining = budget;
  }

  /** The meter of the call running on this thread, if any. */
  static @Nullable Meter current() {
    // Instrumented code asks on every method entry, loop iteration and return: the thread that
    // opened the last meter (the block's, mostly) gets it without the ThreadLocal's hash lookup.
    Owner owner = LAST.get();
    return owner != null && owner.thread() == Thread.currentThread()
        ? owner.meter()
        : CURRENT.get();
  }

  /** Makes {@code meter} this thread's current meter. */
  static void open(Meter meter) {
    CURRENT.set(meter);
    LAST.set(new Owner(Thread.currentThread(), meter));
  }

  /** This thread's current meter, {@code meter}, is done. */
  static void close(Meter meter) {
    CURRENT.remove();
    Owner owner = LAST.get();
    if (owner != null && owner.meter() == meter) {
      LAST.compareAndSet(owner, null);
    }
  }

  /** The thread that opened a meter last, and that meter; see {@link #current()}. */
  private record Owner(Thread thread, Meter meter) {}

  /** Charges {@code gas}; stops the call if it is used up or the wall clock has run out. */
  void charge(long gas) {
    if (stop != null) {
      throw new MeterStop("the call was stopped: " + stop);
    }
    remaining -= gas;
    if (remaining < 0 || gas < 0) {
      halt(Stop.OUT_OF_GAS);
    }
    if (--untilClock <= 0) {
      untilClock = CLOCK_EVERY;
      if (wallClockNanos > 0 && System.nanoTime() - started > wallClockNanos) {
        halt(Stop.TIMEOUT);
      }
    }
  }

  /** Enters a frame of {@code frameSlots}; returns the stack level inside it. */
  int enter(int frameSlots) {
    charge(1);
    slots += frameSlots;
    if (slots > maxSlots) {
      halt(Stop.TOO_DEEP);
    }
    return slots;
  }

  void exit(int frameSlots) {
    slots -= frameSlots;
  }

  /**
   * A handler caught {@code caught} in a frame whose stack level is {@code level}: the frames the
   * exception unwound are gone. A caught error of the JVM makes the call's outcome node-local.
   */
  void caught(Throwable caught, int level) {
    slots = level;
    if (caught instanceof VirtualMachineError && jvmError == null) {
      jvmError = caught;
      stop = Stop.JVM_ERROR;
    }
    charge(1);
  }

  private void halt(Stop why) {
    if (stop == null) {
      stop = why;
    }
    throw new MeterStop("the call was stopped: " + why);
  }

  /** Why the call was stopped, if it was. */
  @Nullable Stop stopped() {
    return stop;
  }

  /** The error of the JVM artifact code caught, if {@link #stopped()} is {@link Stop#JVM_ERROR}. */
  @Nullable Throwable jvmError() {
    return jvmError;
  }

  long budget() {
    return budget;
  }

  int maxSlots() {
    return maxSlots;
  }

  /** The gas used so far. */
  long used() {
    return budget - Math.max(remaining, 0);
  }
}
