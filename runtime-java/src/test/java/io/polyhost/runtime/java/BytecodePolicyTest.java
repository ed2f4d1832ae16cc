package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list scan finds every violation with its place, and none in ordinary modern code. */
class BytecodePolicyTest {
  private static final String BAD =
      """
      package fixture.bad;
      public class Bad {
        static int counter;
        public void run() throws Exception {
          new Thread(() -> {}).start(); // thread
          new java.io.File("/etc/passwd").exists(); // file
          Class.forName("java.lang.String"); // forName
          long t = System.currentTimeMillis(); // clock
          counter++; // static
          double d = Math.sin(1.0); // sin
          int r = new java.util.Random().nextInt(); // random
          synchronized (this) { t++; } // monitor
          java.util.UUID.randomUUID(); // uuid
          java.time.Instant.now(); // now
          new java.net.Socket(); // socket
          Runnable ref = Thread::yield; // reference
        }
        @SuppressWarnings("removal") protected void finalize() {}
        public synchronized void sync() {}
      }
      """;

  private static final String CLEAN =
      """
      package fixture.clean;
      import java.math.BigInteger;
      import java.util.*;
      import java.util.stream.*;
      public final class Clean {
        record Point(int x, int y) {}
        sealed interface Shape permits Circle, Square {}
        record Circle(double r) implements Shape {}
        record Square(double s) implements Shape {}
        enum Color { RED, GREEN }
        static final List<String> NAMES = List.of("a", "b");
        static double area(Shape s) {
          return switch (s) {
            case Circle c -> StrictMath.PI * c.r() * c.r();
            case Square q -> q.s() * q.s();
          };
        }
        public String run(String who, int n, Color color) {
          Map<String, Integer> m = new TreeMap<>();
          m.merge(who, n, Integer::sum);
          String joined = IntStream.range(0, n).mapToObj(i -> "x" + i).collect(Collectors.joining(","));
          BigInteger big = BigInteger.valueOf(n).pow(3);
          Point p = new Point(n, n);
          double d = StrictMath.sin(n) + Math.sqrt(n) + area(new Circle(n)) + (double) n / 3;
          switch (who) { case "alice" -> d += 1; default -> d -= 1; }
          switch (color) { case RED -> d += 2; case GREEN -> d -= 2; }
          Object o = p;
          if (o instanceof Point(int x, int y)) { d += x + y; }
          try { Integer.parseInt(who); } catch (NumberFormatException e) { d += 3; }
          return "hello " + who + joined + big + p + d + p.hashCode() + p.equals(p) + m + NAMES;
        }
      }
      """;

  private static int lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker);
  }

  @Test
  void everyViolationIsReportedWithItsClassMethodLineAndReference() {
    List<PolicyViolation> violations =
        BytecodePolicy.check(FixtureCompiler.compile(Map.of("fixture.bad.Bad", BAD)));
    String report = BytecodePolicy.describe(violations);
    System.out.println(report);
    assertThat(violations).allMatch(v -> v.className().equals("fixture.bad.Bad"));
    assertReported(violations, "java/lang/Thread", "// thread");
    assertReported(violations, "java/lang/Thread.start()V", "// thread");
    assertReported(violations, "java/io/File", "// file");
    assertReported(
        violations, "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", "// forName");
    assertReported(violations, "java/lang/System.currentTimeMillis()J", "// clock");
    assertReported(violations, "fixture/bad/Bad.counter", "// static");
    assertReported(violations, "java/lang/Math.sin(D)D", "// sin");
    assertReported(violations, "java/util/Random", "// random");
    assertReported(violations, "MONITORENTER", "// monitor");
    assertReported(violations, "java/util/UUID.randomUUID()Ljava/util/UUID;", "// uuid");
    assertReported(violations, "java/time/Instant.now()Ljava/time/Instant;", "// now");
    assertReported(violations, "java/net/Socket", "// socket");
    assertReported(violations, "java/lang/Thread.yield()V", "// reference");
    assertThat(violations)
        .anyMatch(v -> v.method().equals("finalize()V") && v.rule().contains("finalizer"));
    assertThat(violations)
        .anyMatch(v -> v.method().equals("sync()V") && v.rule().contains("synchronized"));
    assertThat(violations).allMatch(v -> !v.rule().isEmpty());
  }

  private static void assertReported(
      List<PolicyViolation> violations, String reference, String marker) {
    int line = lineOf(BAD, marker);
    assertThat(violations)
        .as("%s at line %d in\n%s", reference, line, BytecodePolicy.describe(violations))
        .anyMatch(v ->
            v.reference().equals(reference) && v.line() == line && v.method().equals("run()V"));
  }

  @Test
  void lambdasRecordsSwitchesConcatenationAndCollectionsPass() {
    List<PolicyViolation> violations =
        BytecodePolicy.check(FixtureCompiler.compile(Map.of("fixture.clean.Clean", CLEAN)));
    assertThat(violations).as(BytecodePolicy.describe(violations)).isEmpty();
  }

  @Test
  void theWalletFixturesReflectionAndThreadProbesAreCaught() {
    List<PolicyViolation> violations = BytecodePolicy.check(Fixtures.walletClasses("one"));
    assertThat(violations)
        .extracting(PolicyViolation::reference)
        .contains(
            "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;",
            "java/lang/Thread.currentThread()Ljava/lang/Thread;");
    assertThat(violations).allMatch(v -> v.className().startsWith("fixture.wallet."));
  }
}
