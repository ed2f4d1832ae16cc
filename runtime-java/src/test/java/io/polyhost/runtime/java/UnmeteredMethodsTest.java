package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which methods the metering leaves alone: only small straight-line ones that JDK code cannot call;
 * a class with nothing else keeps its bytes.
 */
class UnmeteredMethodsTest {
  private static final String SHAPES =
      """
      package fixture.unmetered;
      import java.util.function.IntUnaryOperator;
      public final class Shapes {
        private final int x;
        public Shapes(int x) { this.x = x; }
        public int x() { return x; }
        static int inc(int v) { return v + 1; }
        private int plus(int v) { return x + v > 3 ? v : -v; }
        static int loop(int n) { int s = 0; for (int i = 0; i < n; i++) { s += i; } return s; }
        static int call(int v) { return inc(v); }
        static int[] array(int n) { return new int[n]; }
        static int guarded(int v) { try { return 10 / v; } catch (ArithmeticException e) { return 0; } }
        static String concat(String s) { return s + "x"; }
        static int referenced(int v) { return v + 2; }
        static IntUnaryOperator reference() { return Shapes::referenced; }
        static IntUnaryOperator lambda() { return v -> v * 2; }
        static long wide(long a, long b, long c, long d, long e, long f, long g, long h, long i,
            long j, long k, long l, long m, long n, long o, long p) { return a + p; }
      }
      """;

  private static final String PLAIN =
      """
      package fixture.unmetered;
      public final class Plain {
        final int v;
        Plain(int v) { this.v = v; }
        static int twice(int x) { return 2 * x; }
      }
      """;

  private static ArtifactClasses checked() {
    ArtifactClasses classes =
        ArtifactClasses.parse(
            FixtureCompiler.compile(
                Map.of("fixture.unmetered.Shapes", SHAPES, "fixture.unmetered.Plain", PLAIN)));
    assertThat(BytecodePolicy.check(classes)).isEmpty();
    return classes;
  }

  private static Map<String, Boolean> decisions(ArtifactClasses classes, String type) {
    ClassModel model = classes.model(type).orElseThrow();
    UnmeteredMethods unmetered = new UnmeteredMethods(classes);
    Map<String, Boolean> out = new TreeMap<>();
    for (MethodModel method : model.methods()) {
      String name = method.methodName().stringValue();
      out.put(
          name.startsWith("lambda$") ? "lambda" : name, unmetered.canRunUnmetered(model, method));
    }
    return out;
  }

  @Test
  void onlySmallStraightLineMethodsTheJdkCannotCallRunUnmetered() {
    assertThat(decisions(checked(), "fixture/unmetered/Shapes"))
        .containsEntry("<init>", true)
        .containsEntry("inc", true)
        .containsEntry("plus", true)
        .containsEntry("x", false) // virtual: JDK code could call it through an interface
        .containsEntry("loop", false)
        .containsEntry("call", false)
        .containsEntry("array", false)
        .containsEntry("guarded", false)
        .containsEntry("concat", false)
        .containsEntry("referenced", false) // a method reference names it
        .containsEntry("lambda", false)
        .containsEntry("wide", false); // 32 slots of locals: its frame must be counted
  }

  @Test
  void withoutThePolicyEveryMethodIsMetered() {
    ArtifactClasses classes =
        ArtifactClasses.parse(FixtureCompiler.compile(Map.of("fixture.unmetered.Plain", PLAIN)));
    assertThat(decisions(classes, "fixture/unmetered/Plain")).doesNotContainValue(true);
  }

  @Test
  void aClassWithNothingToMeterKeepsItsBytes() {
    ArtifactClasses classes = checked();
    Map<String, byte[]> entries =
        FixtureCompiler.compile(
            Map.of("fixture.unmetered.Shapes", SHAPES, "fixture.unmetered.Plain", PLAIN));
    Map<String, byte[]> instrumented = new Instrumenter(classes).instrument(entries);
    assertThat(instrumented.get("fixture/unmetered/Plain.class"))
        .isEqualTo(entries.get("fixture/unmetered/Plain.class"));
    assertThat(instrumented.get("fixture/unmetered/Shapes.class"))
        .isNotEqualTo(entries.get("fixture/unmetered/Shapes.class"));
  }
}
