package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.proto.HashProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
          System.identityHashCode(this); // identity
          java.util.Set.of("a", "b"); // order
          "a,b".split(","); // regex
          Object lock = new Object(); lock.wait(); // wait
        }
        @SuppressWarnings("removal") protected void finalize() {}
        public synchronized void sync() {}
      }
      """;

  private static final String CLEAN =
      """
      package fixture.clean;
      import java.math.BigDecimal;
      import java.math.BigInteger;
      import java.util.*;
      import java.util.stream.*;
      public final class Clean {
        record Point(int x, int y) {}
        sealed interface Shape permits Circle, Square {}
        record Circle(long r) implements Shape {}
        record Square(long s) implements Shape {}
        enum Color { RED, GREEN }
        static final List<String> NAMES = List.of("a", "b");
        static final Map<String, Integer> CODES =
            Collections.unmodifiableMap(new TreeMap<>());
        static final Comparator<Point> BY_X = Comparator.comparingInt(Point::x);
        static final BigDecimal RATE = new BigDecimal("0.05");
        static final Color DEFAULT = Color.RED;
        static long area(Shape s) {
          return switch (s) {
            case Circle c -> 3 * c.r() * c.r();
            case Square q -> q.s() * q.s();
          };
        }
        public String run(String who, int n, Color color) {
          Map<String, Integer> m = new TreeMap<>();
          m.merge(who, n, Integer::sum);
          String joined = IntStream.range(0, n).mapToObj(i -> "x" + i).collect(Collectors.joining(","));
          BigInteger big = BigInteger.valueOf(n).pow(3);
          Point p = new Point(n, n);
          long d = StrictMath.floorMod(n, 7) + Math.addExact(n, 1) + area(new Circle(n));
          switch (who) { case "alice" -> d += 1; default -> d -= 1; }
          switch (color) { case RED -> d += 2; case GREEN -> d -= 2; }
          Object o = p;
          if (o instanceof Point(int x, int y)) { d += x + y; }
          try { Integer.parseInt(who); } catch (NumberFormatException e) { d += 3; }
          try (var out = new java.io.ByteArrayOutputStream()) { out.write(1); } catch (java.io.IOException e) { d++; }
          List<Point> points = new ArrayList<>(List.of(p));
          points.sort(BY_X);
          return "hello " + who + joined + big + p + d + p.equals(p) + m + NAMES + RATE
              + who.toUpperCase(Locale.ROOT) + DEFAULT + CODES + points;
        }
      }
      """;

  private static List<PolicyViolation> check(Map<String, String> sources) {
    return BytecodePolicy.check(ArtifactClasses.parse(FixtureCompiler.compile(sources)));
  }

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
    List<PolicyViolation> violations = check(Map.of("fixture.bad.Bad", BAD));
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
    assertReported(
        violations, "java/lang/System.identityHashCode(Ljava/lang/Object;)I", "// identity");
    assertReported(
        violations,
        "java/util/Set.of(Ljava/lang/Object;Ljava/lang/Object;)Ljava/util/Set;",
        "// order");
    assertReported(
        violations, "java/lang/String.split(Ljava/lang/String;)[Ljava/lang/String;", "// regex");
    assertReported(violations, "java/lang/Object.wait()V", "// wait");
    assertThat(violations)
        .anyMatch(v -> v.method().equals("finalize()V") && v.rule().contains("finalizer"));
    assertThat(violations)
        .anyMatch(v -> v.method().equals("sync()V") && v.rule().contains("synchronized"));
    assertThat(violations).allMatch(v -> !v.rule().isEmpty());
    assertThat(violations).doesNotHaveDuplicates();
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
    List<PolicyViolation> violations = check(Map.of("fixture.clean.Clean", CLEAN));
    assertThat(violations).as(BytecodePolicy.describe(violations)).isEmpty();
  }

  @Test
  void generatedProtobufMessagesPass() {
    Map<String, byte[]> classes = new TreeMap<>();
    for (String name :
        List.of(
            "HashProto",
            "HashProto$1",
            "HashProto$Builder",
            "HashProtoOrBuilder",
            "CryptoProtos",
            "PublicKeyProto",
            "PublicKeyProto$1",
            "PublicKeyProto$Builder",
            "PublicKeyProtoOrBuilder",
            "SignatureProto",
            "SignatureProto$1",
            "SignatureProto$Builder",
            "SignatureProtoOrBuilder")) {
      String entry = "io/polyhost/api/proto/" + name + ".class";
      classes.put(entry, bytesOf(entry));
    }
    List<PolicyViolation> violations = BytecodePolicy.check(ArtifactClasses.parse(classes));
    assertThat(violations).as(BytecodePolicy.describe(violations)).isEmpty();
  }

  private static byte[] bytesOf(String entry) {
    try (InputStream in = HashProto.class.getClassLoader().getResourceAsStream(entry)) {
      assertThat(in).as(entry).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void floatingPointIsRefusedWhereverItAppears() {
    String source =
        """
        package fixture.fp;
        public class Fp {
          double rate; // field
          public long scaled(long amount) {
            float f = 1.5f; // constant
            return (long) (amount * f); // arithmetic
          }
          public double half(long amount) { return amount / 2.0; } // signature
          public String text() { return Double.toString(0.1); } // call
        }
        """;
    List<PolicyViolation> violations = check(Map.of("fixture.fp.Fp", source));
    assertThat(violations)
        .as(BytecodePolicy.describe(violations))
        .allMatch(v -> v.rule().equals(ClassCheck.FLOATING_POINT))
        .anyMatch(v -> v.reference().equals("fixture/fp/Fp.rate:D"))
        .anyMatch(v -> v.line() == lineOf(source, "// constant"))
        .anyMatch(v -> v.reference().equals("FMUL") && v.line() == lineOf(source, "// arithmetic"))
        .anyMatch(v -> v.method().equals("half(J)D"))
        .anyMatch(v -> v.reference().equals("java/lang/Double.toString(D)Ljava/lang/String;"));
  }

  @Test
  void membersInheritedFromTheJdkAreCheckedLikeTheJdksOwn() {
    String source =
        """
        package fixture.inherit;
        public class Big extends java.math.BigInteger {
          public Big() { super("7"); }
          public boolean prime() { return isProbablePrime(10); } // inherited
          public Big parallel() { return this; } // own
          public Object chain() { return parallel(); } // own call
          enum Kind { A }
          public int kindHash() { return Kind.A.hashCode(); } // enum hash
        }
        """;
    List<PolicyViolation> violations = check(Map.of("fixture.inherit.Big", source));
    assertThat(violations)
        .as(BytecodePolicy.describe(violations))
        .extracting(PolicyViolation::line)
        .containsExactlyInAnyOrder(lineOf(source, "// inherited"), lineOf(source, "// enum hash"));
  }

  @Test
  void staticFieldsAndLongLivedObjectsMayHoldOnlyValues() {
    String source =
        """
        package fixture.state;
        import io.polyhost.api.runtime.InstanceSpec;
        import io.polyhost.api.service.*;
        import java.util.*;
        import java.util.function.*;
        public final class State implements Service {
          static final Map<String, Long> CACHE = new HashMap<>();
          static final int[] TABLE = {1, 2, 3};
          static final StringBuilder LOG = new StringBuilder();
          static final List<String> OK_LIST = List.of("a");
          static final Supplier<String> OK_FUNCTION = () -> "x";
          static final Supplier<Map<String, Long>> CAPTURING;
          static { Map<String, Long> m = new TreeMap<>(); CAPTURING = () -> m; }
          enum Counter { INSTANCE; long hits; }
          static final Counter COUNTER = Counter.INSTANCE;
          record Money(long minor, String currency) {}
          static final Money ZERO = new Money(0, "EUR");
          private long calls;
          private final List<String> seen = new ArrayList<>();
          private final Money limit = ZERO;
        }
        class Base { long hits; }
        final class Derived extends Base implements Service {}
        """;
    List<PolicyViolation> violations = check(Map.of("fixture.state.State", source));
    assertThat(violations)
        .as(BytecodePolicy.describe(violations))
        .extracting(PolicyViolation::reference)
        .containsExactlyInAnyOrder(
            "fixture/state/State.CACHE:Ljava/util/Map;",
            "fixture/state/State.TABLE:[I",
            "fixture/state/State.LOG:Ljava/lang/StringBuilder;",
            "fixture/state/State.CAPTURING:Ljava/util/function/Supplier;",
            "fixture/state/State.COUNTER:Lfixture/state/State$Counter;",
            "fixture/state/State$Counter.INSTANCE:Lfixture/state/State$Counter;",
            "fixture/state/State.calls:J",
            "fixture/state/State.seen:Ljava/util/List;",
            "fixture/state/Base.hits:J");
  }

  @Test
  void theWalletFixturePassesThePolicy() {
    List<PolicyViolation> violations =
        BytecodePolicy.check(ArtifactClasses.parse(Fixtures.walletClasses("one")));
    assertThat(violations).as(BytecodePolicy.describe(violations)).isEmpty();
  }

  @Test
  void theAllowListAnswersForTheJdkAndTheHost() {
    assertThat(PolicyRules.checkType("java/lang/String")).isEmpty();
    assertThat(PolicyRules.checkType("java/lang/RuntimeException")).isEmpty();
    assertThat(PolicyRules.checkType("java/lang/Runtime")).contains(PolicyRules.ENVIRONMENT);
    assertThat(PolicyRules.checkType("java/lang/Runtime$Version"))
        .contains(PolicyRules.ENVIRONMENT);
    assertThat(PolicyRules.checkType("java/lang/Thread$Builder")).contains(PolicyRules.THREADS);
    assertThat(PolicyRules.checkType("java/util/concurrent/atomic/AtomicLong"))
        .contains(PolicyRules.THREADS);
    assertThat(PolicyRules.checkType("java/time/chrono/IsoChronology")).isEmpty();
    assertThat(PolicyRules.checkType("java/time/chrono/HijrahChronology")).isPresent();
    assertThat(PolicyRules.checkType("io/polyhost/storage/Fork")).contains(PolicyRules.NOT_LISTED);
    assertThat(PolicyRules.checkType("sun/misc/Unsafe")).contains(PolicyRules.NOT_LISTED);
    assertThat(PolicyRules.checkMember("java/lang/System", "arraycopy", "")).isEmpty();
    assertThat(PolicyRules.checkMember("java/lang/System", "exit", "(I)V"))
        .contains(PolicyRules.ENVIRONMENT);
    assertThat(PolicyRules.checkMember("java/lang/String", "toUpperCase", "()Ljava/lang/String;"))
        .isPresent();
    assertThat(
            PolicyRules.checkMember(
                "java/lang/String", "toUpperCase", "(Ljava/util/Locale;)Ljava/lang/String;"))
        .isEmpty();
  }
}
