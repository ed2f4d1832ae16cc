package io.polyhost.runtime.js;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.ExecutionEventNode;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * Notices every stack overflow in guest code, including one the guest catches.
 *
 * <p>How deep the JVM's stack gets before it overflows depends on the node (thread stack size,
 * which code is compiled, the JVM build), and GraalJS hands the overflow to the guest as a
 * catchable {@code RangeError}. A service that catches it could record a result that differs
 * between nodes. So each overflow is counted, per thread, as it unwinds through a guest statement
 * or function: the Java {@link StackOverflowError} itself, or a guest exception GraalJS made from
 * one. A call during which the count moved is a node-local fault, whatever the guest did with the
 * error (see {@link JsInstance}). The count only grows, so nested child calls on the same thread
 * need no bookkeeping.
 */
final class StackWatch extends TruffleInstrument {
  /** The instrument's id, by which {@link SandboxEngine} switches it on. */
  static final String ID = "polyhost-stack-watch";

  private static final ThreadLocal<long[]> OVERFLOWS = ThreadLocal.withInitial(() -> new long[1]);

  /** What the engine looks up to switch the instrument on. */
  interface Active {}

  /** The number of stack overflows guest code has met on this thread so far. */
  static long count() {
    return OVERFLOWS.get()[0];
  }

  /** Counts a stack overflow the runtime's own scripts noticed (a too deep {@code JSON.parse}). */
  static void record() {
    OVERFLOWS.get()[0]++;
  }

  @Override
  protected void onCreate(Env env) {
    env.registerService(new Active() {});
    env.getInstrumenter()
        .attachExecutionEventFactory(
            SourceSectionFilter.newBuilder()
                .tagIs(StandardTags.StatementTag.class, StandardTags.RootTag.class)
                .includeInternal(true)
                .build(),
            context -> new Probe());
  }

  /** Looks only at exceptions leaving a statement or function; the normal paths do nothing. */
  private static final class Probe extends ExecutionEventNode {
    @Override
    protected void onReturnExceptional(VirtualFrame frame, Throwable exception) {
      if (exception instanceof ControlFlowException) {
        return; // a return, break or continue unwinding: not a failure, and it must stay cheap
      }
      if (exception instanceof StackOverflowError
          || exception.getCause() instanceof StackOverflowError) {
        overflowed();
      }
    }

    @TruffleBoundary
    private static void overflowed() {
      record();
    }
  }
}
