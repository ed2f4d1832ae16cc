package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instrumentation keeps what code means: a service that runs through most of what javac emits
 * computes the same result metered as unmetered, and it passes the JVM's verifier both ways.
 */
class InstrumentationTest {
  private static final String BODY =
      """
        interface Shape { long area(); default String describe(Function<String, Integer> f) {
          return "shape" + f.apply("abc") + List.of("x", "yy").stream().map(String::length).toList(); } }
        record Square(long side) implements Shape { public long area() { return side * side; } }
        record Rect(long w, long h) implements Shape { public long area() { return w * h; } }
        enum Kind { SMALL, LARGE; Kind flip() { return this == SMALL ? LARGE : SMALL; } }
        static final class Box { private final List<String> items = new ArrayList<>(); }
        static long divide(long a, long b) {
          try { return a / b; } catch (ArithmeticException e) { return -1; } finally { a++; }
        }
        static String nested(int n) {
          StringBuilder out = new StringBuilder();
          outer:
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              if (j > i) continue outer;
              if (i * j > 6) break outer;
              out.append(i).append(j).append(',');
            }
          }
          return out.toString();
        }
        static String kind(Object o) {
          return switch (o) {
            case Square s when s.side() > 2 -> "big square " + s.area();
            case Square s -> "square " + s.area();
            case Rect(long w, long h) -> "rect " + (w + h);
            case Kind k -> "kind " + k.flip();
            case String s -> "string " + s.length();
            default -> "other";
          };
        }
        static int thrower(int depth) {
          if (depth == 0) throw new IllegalArgumentException("bottom");
          try { return thrower(depth - 1); } finally { depth--; }
        }
        static String varargs(String... parts) { return String.join("+", parts); }
        @Transaction(id = 0) public void run(ExecutionContext c, byte[] a) throws Exception {
          StringBuilder r = new StringBuilder();
          List<Shape> shapes = new ArrayList<>(List.of(new Square(3), new Rect(2, 5), new Square(1)));
          shapes.sort(Comparator.comparingLong(Shape::area));
          r.append(shapes).append('|');
          r.append(shapes.get(0).describe(String::length)).append('|');
          Supplier<List<String>> fresh = ArrayList::new;
          List<String> names = fresh.get();
          names.add("b"); names.add("a");
          Collections.sort(names);
          r.append(names).append('|');
          Function<String, Integer> parse = Integer::parseInt;
          r.append(parse.apply("41") + 1).append('|');
          StringBuilder bound = new StringBuilder();
          Consumer<String> sink = bound::append;
          List.of("p", "q").forEach(sink);
          r.append(bound).append('|');
          r.append(divide(7, 2)).append(divide(1, 0)).append('|');
          r.append(nested(5)).append('|');
          for (Object o : List.of(new Square(3), new Square(2), new Rect(1, 2), Kind.SMALL, "hey", 7L)) {
            r.append(kind(o)).append(';');
          }
          try { thrower(5); } catch (IllegalArgumentException e) { r.append("caught ").append(e.getMessage()); }
          r.append('|').append(varargs("a", "b", "c")).append('|');
          long[][] grid = new long[3][4];
          grid[2][3] = 9;
          long[] copy = grid[2].clone();
          long[] target = new long[4];
          System.arraycopy(copy, 0, target, 0, 4);
          r.append(Arrays.toString(target)).append('|');
          Map<String, Long> counts = Stream.of("a", "b", "a").collect(
              Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
          r.append(counts).append('|');
          r.append(IntStream.range(0, 10).filter(i -> i % 3 == 0).boxed().collect(Collectors.toList()));
          try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            out.write(new byte[] {1, 2, 3});
            r.append('|').append(out.size());
          }
          Box box = new Box();
          box.items.add("boxed");
          r.append('|').append(box.items).append('|').append(Kind.valueOf("LARGE").ordinal());
          text(c, "result").set(r.toString());
        }
      """;

  private static final ArtifactId ARTIFACT = ServiceFixture.artifact("fixture.semantics");

  @TempDir Path dir;

  @Test
  void meteredCodeComputesWhatUnmeteredCodeComputes() throws Exception {
    Map<String, byte[]> classes = ServiceFixture.compile(BODY);
    String metered = run(classes, true);
    String plain = run(classes, false);
    System.out.println(metered);
    assertThat(metered).isEqualTo(plain);
    assertThat(metered)
        .startsWith(
            "[Square[side=1], Square[side=3], Rect[w=2, h=5]]|shape3[1, 2]|[a, b]|42|pq|3-1|")
        .contains(
            "00,10,11,20,21,22,30,31,32,",
            "big square 9;square 4;rect 3;kind LARGE;string 3;other;caught bottom",
            "a+b+c",
            "[0, 0, 0, 9]",
            "{a=2, b=1}",
            "[0, 3, 6, 9]")
        .endsWith("|3|[boxed]|1");
  }

  private String run(Map<String, byte[]> classes, boolean metered) throws Exception {
    Path home = Files.createDirectories(dir.resolve(metered ? "metered" : "plain"));
    try (TestNode node = new TestNode(home)) {
      JavaRuntime runtime =
          new JavaRuntime(node.artifacts, JarLimits.defaults(), GasLimits.defaults(), metered);
      try {
        byte[] spec = ServiceFixture.jar(ARTIFACT, classes).writeTo(node.artifacts, "s.jar");
        runtime.deployArtifact(ARTIFACT, spec).toCompletableFuture().get();
        InstanceSpec instance = new InstanceSpec(1, "semantics", ARTIFACT);
        runtime.initiateAddingService(FakeContext.of(node.fork, instance), ARTIFACT, new byte[0]);
        runtime.updateServiceStatus(
            new RefusingBlockchainData(),
            new InstanceState(
                instance, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty()));
        runtime.execute(FakeContext.of(node.fork, instance), 0, new byte[0]);
        return node.text(instance, "result").orElseThrow();
      } finally {
        runtime.close();
      }
    }
  }
}
