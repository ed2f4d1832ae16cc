package io.polyhost.host.testing;

import io.polyhost.api.runtime.ExecutionContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Code that a test wants to run inside a block, as a service: registered here under a number that
 * travels as the transaction's arguments.
 */
public final class Actions {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final Map<Integer, Consumer<ExecutionContext>> ACTIONS = new ConcurrentHashMap<>();

  private Actions() {}

  /** Registers {@code action}; returns the arguments that name it. */
  public static byte[] register(Consumer<ExecutionContext> action) {
    int id = NEXT.incrementAndGet();
    ACTIONS.put(id, action);
    return ByteBuffer.allocate(4).putInt(id).array();
  }

  /** Runs the action named by {@code arguments}. */
  public static void run(ExecutionContext context, byte[] arguments) {
    Consumer<ExecutionContext> action = ACTIONS.get(ByteBuffer.wrap(arguments).getInt());
    if (action == null) {
      throw new AssertionError("Unknown action");
    }
    action.accept(context);
  }

  /** A service whose method 0 runs registered actions: the test's supervisor. */
  public static TestService service() {
    return new TestService() {
      @Override
      public void execute(ExecutionContext context, int methodId, byte[] arguments) {
        if (methodId != 0) {
          TestService.super.execute(context, methodId, arguments);
        }
        run(context, arguments);
      }
    };
  }
}
