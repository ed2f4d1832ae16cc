package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.MigrationContext;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.ArtifactManifest;
import io.polyhost.api.storage.IndexAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metering stops runaway artifact code deterministically: out of gas or too deep, with the call's
 * writes rolled back and the runtime still serving calls. Errors of the JVM halt instead.
 */
class MeteringTest {
  static final String HOSTILE =
      """
        @Transaction(id = 0) public void write(ExecutionContext c, byte[] a) {
          text(c, "mark").set(utf8(a));
        }
        @Transaction(id = 1) public void spin(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty");
          while (true) {}
        }
        @Transaction(id = 2) public void recurse(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + down(0));
        }
        static int down(int n) { return down(n + 1) + 1; }
        @Transaction(id = 3) public void recurseThroughStreams(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + viaStream(0));
        }
        static int viaStream(int n) {
          return Stream.of(n).map(x -> viaStream(x + 1)).findFirst().orElse(0);
        }
        @Transaction(id = 4) public void swallow(ExecutionContext c, byte[] a) {
          try { while (true) {} } catch (Throwable t) { }
          text(c, "mark").set("swallowed");
        }
        @Transaction(id = 5) public void returnFromFinally(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + finallyReturns());
        }
        @SuppressWarnings("finally")
        static int finallyReturns() { try { while (true) {} } finally { return 1; } }
        @Transaction(id = 6) public void hugeArray(ExecutionContext c, byte[] a) {
          long[] huge = new long[200_000_000];
          text(c, "mark").set("dirty " + huge.length);
        }
        @Transaction(id = 7) public void allocateInALoop(ExecutionContext c, byte[] a) {
          List<byte[]> kept = new ArrayList<>();
          while (true) { kept.add(new byte[1 << 20]); }
        }
        @Transaction(id = 8) public void doubleAString(ExecutionContext c, byte[] a) {
          String s = "x";
          while (true) { s = s + s; }
        }
        @Transaction(id = 9) public void doubleABuilder(ExecutionContext c, byte[] a) {
          StringBuilder b = new StringBuilder("x");
          while (true) { b.append(b); }
        }
        @Transaction(id = 10) public void sumAHugeRange(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + LongStream.range(0, Long.MAX_VALUE).sum());
        }
        @Transaction(id = 11) public void overflowInTheJdk(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + nested().hashCode());
        }
        @Transaction(id = 12) public void catchAnOverflowInTheJdk(ExecutionContext c, byte[] a) {
          List<Object> nested = nested();
          try { nested.hashCode(); } catch (Throwable t) { text(c, "mark").set("survived"); }
        }
        static List<Object> nested() {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < 200_000; i++) { List<Object> outer = new ArrayList<>(); outer.add(list); list = outer; }
          return list;
        }
        @Transaction(id = 13) public void throwAndCatchManyTimes(ExecutionContext c, byte[] a) {
          int caught = 0;
          for (int i = 0; i < 20_000; i++) {
            try { thrower(50); } catch (IllegalStateException e) { caught++; }
          }
          text(c, "mark").set("caught " + caught);
        }
        static void thrower(int n) {
          if (n == 0) throw new IllegalStateException("bottom");
          thrower(n - 1);
        }
        @Transaction(id = 14) public void count(ExecutionContext c, byte[] a) {
          int n = Integer.parseInt(utf8(a));
          long sum = 0;
          for (int i = 0; i < n; i++) { sum += i; }
          text(c, "mark").set("sum " + sum);
        }
        @Transaction(id = 17) public void cloneInALoop(ExecutionContext c, byte[] a) {
          long[] big = new long[1 << 20];
          while (true) { big = big.clone(); }
        }
        @Transaction(id = 18) public void copyInALoop(ExecutionContext c, byte[] a) {
          long[] from = new long[1 << 20];
          long[] to = new long[1 << 20];
          while (true) { System.arraycopy(from, 0, to, 0, from.length); }
        }
        @Transaction(id = 19) public void mapWithALambda(ExecutionContext c, byte[] a) {
          // 6 million for the range, 6 million more for the lambda's calls: over the budget.
          text(c, "mark").set("dirty " + IntStream.range(0, 6_000_000).map(x -> x + 1).sum());
        }
        @Transaction(id = 20) public void mapWithAMethodReference(ExecutionContext c, byte[] a) {
          text(c, "mark").set("dirty " + IntStream.range(0, 6_000_000).map(Svc::plusOne).sum());
        }
        static int plusOne(int x) { return x + 1; }
        @Transaction(id = 15) public void forEachWithAJdkMethod(ExecutionContext c, byte[] a) {
          Object[] items = new Object[Integer.parseInt(utf8(a))];
          Arrays.fill(items, "x");
          Arrays.asList(items).forEach(Objects::requireNonNull);
          text(c, "mark").set("checked " + items.length);
        }
      """;

  private static final ArtifactId HOSTILE_ARTIFACT = ServiceFixture.artifact("fixture.hostile");
  private static final Map<String, byte[]> CLASSES = ServiceFixture.compile(HOSTILE);

  @TempDir Path dir;
  private @Nullable TestNode node;

  private TestNode node() {
    return Objects.requireNonNull(node, "no node started");
  }

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
  }

  private InstanceSpec start(GasLimits gas) throws Exception {
    node = new TestNode(dir, gas);
    return deployAndStart(node);
  }

  private static InstanceSpec deployAndStart(TestNode target) {
    target.deploy(HOSTILE_ARTIFACT, ServiceFixture.jar(HOSTILE_ARTIFACT, CLASSES));
    InstanceSpec spec = target.start(1, "hostile", HOSTILE_ARTIFACT, "");
    assertThat(target.transaction(spec, 0, "clean")).isEmpty();
    return spec;
  }

  /** Runs {@code method}, expects it to fail with {@code code}, and the node to be unharmed. */
  private void assertStopped(InstanceSpec spec, int method, ErrorCode code) {
    assertStopped(spec, method, "", code);
  }

  private void assertStopped(InstanceSpec spec, int method, String arguments, ErrorCode code) {
    Optional<ExecutionError> error = node().transaction(spec, method, arguments);
    assertThat(error).as("method %d", method).isPresent();
    assertThat(error.get().is(code)).as("%s", error.get()).isTrue();
    assertUnharmed(spec);
  }

  private void assertUnharmed(InstanceSpec spec) {
    assertThat(node().text(spec, "mark")).contains("clean");
    assertThat(node().transaction(spec, 0, "clean")).isEmpty();
    assertThat(node().transaction(spec, 14, "10")).isEmpty();
    assertThat(node().text(spec, "mark")).contains("sum 45");
    assertThat(node().transaction(spec, 0, "clean")).isEmpty();
  }

  @Test
  void runawayCodeRunsOutOfGasAndLeavesNoWrites() throws Exception {
    InstanceSpec spec = start(GasLimits.defaults());
    for (int method : new int[] {1, 4, 5, 6, 7, 8, 9, 10, 17, 18}) {
      assertStopped(spec, method, JavaRuntimeError.OUT_OF_GAS);
    }
  }

  @Test
  void deepRecursionFailsBeforeTheJvmStackOverflows() throws Exception {
    InstanceSpec spec = start(GasLimits.defaults());
    // On a thread with the JVM's default stack of 1 MiB, which a node's threads have at least.
    onThreadWithStack(
        1 << 20,
        () -> {
          assertStopped(spec, 2, JavaRuntimeError.CALL_TOO_DEEP);
          assertStopped(spec, 3, JavaRuntimeError.CALL_TOO_DEEP);
        });
  }

  private static void onThreadWithStack(long bytes, Runnable test) throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                test.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "small-stack",
            bytes);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError("on a thread with " + bytes + " bytes of stack", failure.get());
    }
  }

  @Test
  void theStackCountSurvivesCaughtExceptions() throws Exception {
    InstanceSpec spec = start(GasLimits.defaults());
    assertThat(node().transaction(spec, 13, "")).isEmpty();
    assertThat(node().text(spec, "mark")).contains("caught 20000");
  }

  @Test
  void anOverflowInsideTheJdkHaltsWhetherOrNotTheCodeCatchesIt() throws Exception {
    InstanceSpec spec = start(GasLimits.defaults());
    assertThatThrownBy(() -> node().transaction(spec, 11, ""))
        .isInstanceOf(StackOverflowError.class);
    assertThatThrownBy(() -> node().transaction(spec, 12, ""))
        .isInstanceOf(StackOverflowError.class);
    assertUnharmed(spec);
  }

  @Test
  void methodReferencesToTheJdkArePaidPerCall() throws Exception {
    // 300,000 references cost 300,000 gas to allocate; checking each through the JDK another
    // 300,000, which only the bridge makes visible.
    InstanceSpec spec = start(new GasLimits(500_000, 1_000_000, 32_768, Duration.ofMinutes(1)));
    assertThat(node().transaction(spec, 15, "100000")).isEmpty();
    assertThat(node().text(spec, "mark")).contains("checked 100000");
    assertThat(node().transaction(spec, 0, "clean")).isEmpty();
    assertStopped(spec, 15, "300000", JavaRuntimeError.OUT_OF_GAS);
  }

  @Test
  void theSameCallRunsOutOfGasAtTheSamePointOnEveryRuntime() throws Exception {
    long seed = Long.getLong("polyhost.seed", new Random().nextLong());
    System.out.println("seed=" + seed);
    long gas = 2_000 + new Random(seed).nextInt(20_000);
    GasLimits limits = new GasLimits(gas, gas, 32_768, Duration.ofMinutes(1));
    InstanceSpec spec = start(limits);
    int low = 0;
    int high = 100_000;
    while (high - low > 1) { // the most iterations that fit: low passes, high fails
      int middle = (low + high) >>> 1;
      if (node().transaction(spec, 14, Integer.toString(middle)).isEmpty()) {
        low = middle;
      } else {
        high = middle;
      }
    }
    assertThat(high).as("seed=%d: a loop fits in %d gas", seed, gas).isLessThan(100_000);
    node().close();
    try (TestNode other = new TestNode(dir.resolve("other"), limits)) {
      InstanceSpec again = deployAndStart(other);
      assertThat(other.transaction(again, 14, Integer.toString(low)))
          .as("seed=%d: %d iterations in %d gas", seed, low, gas)
          .isEmpty();
      assertThat(other.transaction(again, 14, Integer.toString(high)))
          .as("seed=%d: %d iterations in %d gas", seed, high, gas)
          .hasValueSatisfying(e -> assertThat(e.is(JavaRuntimeError.OUT_OF_GAS)).isTrue());
    } finally {
      node = null;
    }
  }

  @Test
  void theWallClockLimitHaltsRatherThanRecords() throws Exception {
    InstanceSpec spec = start(new GasLimits(Long.MAX_VALUE, 1, 32_768, Duration.ofNanos(1)));
    assertThatThrownBy(() -> node().transaction(spec, 1, ""))
        .isInstanceOf(NodeFaultException.class)
        .hasMessageContaining("wall-clock");
  }

  @Test
  void migrationScriptsAreMeteredWithTheirOwnBudget() throws Exception {
    String provider =
        """
        package fixture.svc;
        import io.polyhost.api.migration.*;
        import io.polyhost.api.runtime.Version;
        import io.polyhost.api.service.MigrationProvider;
        import java.util.List;
        public final class Migrations implements MigrationProvider {
          public Version oldestSupported() { return Version.parse("0.1.0"); }
          public List<MigrationScript> scripts() {
            return List.of(new MigrationScript("forever", Version.parse("1.0.0"), c -> {
              while (true) {}
            }));
          }
        }
        """;
    node = new TestNode(dir, new GasLimits(1_000_000, 3_000_000, 32_768, Duration.ofMinutes(1)));
    Map<String, byte[]> classes =
        ServiceFixture.compile("", Map.of("fixture.svc.Migrations", provider));
    ArtifactId artifact = ServiceFixture.artifact("fixture.migrating");
    node()
        .deploy(
            artifact,
            ServiceFixture.jar(artifact, classes)
                .attribute(ArtifactManifest.MIGRATIONS, "fixture.svc.Migrations"));
    MigrationScript script = node().runtime.migrate(artifact, Version.parse("0.1.0")).orElseThrow();
    assertThatThrownBy(() -> script.logic().migrate(new NoData()))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JavaRuntimeError.OUT_OF_GAS)).isTrue())
        .hasMessageContaining("3000000");
  }

  /** A migration context the looping script never reaches. */
  private static final class NoData implements MigrationContext {
    @Override
    public InstanceSpec instance() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Version dataVersion() {
      throw new UnsupportedOperationException();
    }

    @Override
    public IndexAccess oldData() {
      throw new UnsupportedOperationException();
    }

    @Override
    public IndexAccess newData() {
      throw new UnsupportedOperationException();
    }

    @Override
    public IndexAccess scratchpad() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void createTombstone(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void merge() {}
  }
}
