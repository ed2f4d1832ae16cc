package io.polyhost.runtime.java;

import com.sun.management.OperatingSystemMXBean;
import io.polyhost.api.service.JavaArtifactSpec;
import io.polyhost.api.service.ServiceFactory;
import io.polyhost.benchmarks.JavaDeployBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

@SuppressWarnings("NullAway") // set up on first use
/**
 * Where a deploy of {@code JavaDeployBenchmark}'s 1 MB JAR spends its CPU: the CPU time of all live
 * Java threads (the deploying thread and the fork-join workers; not GC or JIT) in each of {@link
 * Deployer}'s steps, then a whole deploy. A tool, not a JMH benchmark: run its {@code main} with
 * the benchmarks JAR on the class path, or call {@link #measure} from two class loaders to compare
 * two builds in one JVM, alternating.
 */
public final class DeployPhases {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();

  /** CPU time of all live Java threads, in ns (the process CPU time has 10 ms ticks). */
  private static long cpu() {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private static Deployer deployer;
  private static JavaArtifactSpec spec;
  private static byte[] specBytes;
  private static ArtifactFiles files;
  private static JarReader reader;

  /** Phase CPU nanoseconds of {@code rounds} deploys, one row per deploy. */
  public static long[][] measure(int rounds, boolean metered) throws Exception {
    if (deployer == null) {
      Path dir = Files.createTempDirectory("phases");
      specBytes = JavaDeployBenchmark.writeJar(dir, 1_000_000);
      spec = JavaArtifactSpec.parse(specBytes);
      JarLimits limits = JarLimits.defaults();
      files = new ArtifactFiles(dir, limits);
      reader = new JarReader(limits);
      ApiGate gate = new ApiGate(ServiceFactory.class.getClassLoader());
      deployer = new Deployer(files, reader, gate, GasLimits.defaults(), metered);
    }
    long[][] out = new long[rounds][];
    for (int r = 0; r < rounds; r++) {
      long c0 = cpu();
      byte[] jar = files.readVerified(spec);
      long c1 = cpu();
      JarContents contents = reader.read(jar);
      long c2 = cpu();
      ArtifactClasses classes = ArtifactClasses.parse(contents.entries());
      long c3 = cpu();
      List<PolicyViolation> v = BytecodePolicy.check(classes);
      long c4 = cpu();
      Map<String, byte[]> code =
          metered ? new Instrumenter(classes).instrument(contents.entries()) : contents.entries();
      long c5 = cpu();
      LoadedArtifact loaded = deployer.deploy(JavaDeployBenchmark.ARTIFACT, specBytes);
      long c6 = cpu();
      loaded.close();
      if (!v.isEmpty() || code.isEmpty()) {
        throw new IllegalStateException();
      }
      out[r] = new long[] {c1 - c0, c2 - c1, c3 - c2, c4 - c3, c5 - c4, c6 - c5};
      System.gc();
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    boolean metered = args.length <= 1 || Boolean.parseBoolean(args[1]);
    String[] names = {"read+hash", "unzip", "parse", "policy", "instrument", "deploy(all)"};
    long[][] rows = measure(rounds, metered);
    int skip = rounds / 3;
    System.out.printf(
        "metered=%s rounds=%d (first %d dropped), median ms cpu%n", metered, rounds, skip);
    for (int k = 0; k < names.length; k++) {
      long[] cs = new long[rounds - skip];
      for (int r = skip; r < rounds; r++) {
        cs[r - skip] = rows[r][k];
      }
      Arrays.sort(cs);
      System.out.printf(
          "%-12s %7.1f (q1 %6.1f q3 %6.1f)%n",
          names[k], cs[cs.length / 2] / 1e6, cs[cs.length / 4] / 1e6, cs[cs.length * 3 / 4] / 1e6);
    }
  }
}
