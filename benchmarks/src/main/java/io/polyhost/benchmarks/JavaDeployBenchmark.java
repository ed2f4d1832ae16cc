package io.polyhost.benchmarks;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.runtime.java.BenchJavaRuntimes;
import io.polyhost.runtime.java.JavaRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deploying a Java artifact JAR of about 1 MB through {@code JavaRuntime.deployArtifact}: reading
 * it, the SHA-256 check, the JAR rules, parsing every class, the bytecode policy, the metering
 * instrumentation ({@code metered}), defining and initializing every class, and linking the
 * service. Each operation deploys and then unloads again (unloading is a map removal).
 *
 * <p>The JAR holds a small service and generated classes of twenty methods each, about 1 MB
 * compressed (the size is printed in the set-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xms1g",
      "-Xmx1g"
    })
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@SuppressWarnings("NullAway.Init") // JMH calls @Setup before any benchmark method
public class JavaDeployBenchmark {
  public static final ArtifactId ARTIFACT = ArtifactId.parse("1:bench.java-big:1.0.0");

  /** Whether the artifact is instrumented for metering. */
  @Param({"true", "false"})
  public boolean metered;

  /** The target size of the JAR in bytes. */
  @Param({"1000000"})
  public int jarBytes;

  private JavaRuntime runtime;
  private byte[] spec;

  /** Generates, compiles and writes the JAR. */
  @Setup(Level.Trial)
  public void setUp() {
    Path artifacts;
    try {
      artifacts = Files.createTempDirectory("polyhost-bench-artifacts");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    spec = writeJar(artifacts, jarBytes);
    runtime = BenchJavaRuntimes.create(artifacts, metered);
  }

  /**
   * Generates, compiles and writes into {@code artifacts} the benchmark's JAR of at least {@code
   * jarBytes}, and returns its deploy spec; also for tools measuring a deploy's phases.
   */
  public static byte[] writeJar(Path artifacts, int jarBytes) {
    Map<String, byte[]> classes = new TreeMap<>();
    byte[] jar = new byte[0];
    for (int batch = 0; jar.length < jarBytes; batch++) {
      classes.putAll(JavaArtifacts.compile(sources(batch)));
      jar = JavaArtifacts.jar(ARTIFACT, "bench.big.BigFactory", classes);
    }
    System.out.printf("%nJAR of %d classes, %d bytes%n", classes.size(), jar.length);
    return JavaArtifacts.write(jar, artifacts, "big.jar");
  }

  /** Deploys the JAR and unloads it again. */
  @Benchmark
  public void deploy() throws Exception {
    runtime.deployArtifact(ARTIFACT, spec).toCompletableFuture().get(1, TimeUnit.MINUTES);
    runtime.unloadArtifact(ARTIFACT);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  /** A batch of 100 generated classes; batch 0 also has the service and its factory. */
  private static Map<String, String> sources(int batch) {
    Map<String, String> sources = new HashMap<>();
    if (batch == 0) {
      sources.put(
          "bench.big.Big",
          """
          package bench.big;
          import io.polyhost.api.runtime.ExecutionContext;
          import io.polyhost.api.service.*;
          public final class Big implements Service {
            @Transaction(id = 0) public void touch(ExecutionContext c, byte[] a) {}
          }
          """);
      sources.put(
          "bench.big.BigFactory",
          """
          package bench.big;
          import io.polyhost.api.runtime.InstanceSpec;
          import io.polyhost.api.service.*;
          public final class BigFactory implements ServiceFactory {
            public Class<? extends Service> serviceType() { return Big.class; }
            public Service create(InstanceSpec instance) { return new Big(); }
          }
          """);
    }
    for (int i = 0; i < 100; i++) {
      String name = "Gen" + batch + "x" + i;
      StringBuilder source = new StringBuilder("package bench.big; public final class ");
      source.append(name).append(" {\n");
      for (int m = 0; m < 20; m++) {
        source.append(
            "  public static String m%d(long x, String s) { long y = x * %d + %d;"
                .formatted(m, i + 3, m));
        source.append(" for (int k = 0; k < 3; k++) { y += k * x; }");
        source.append(" return s + \"m%d:\" + y + (y > 7 ? \"big\" : \"small\"); }\n".formatted(m));
      }
      sources.put("bench.big." + name, source.append("}\n").toString());
    }
    return sources;
  }
}
