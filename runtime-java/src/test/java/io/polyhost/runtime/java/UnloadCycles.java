package io.polyhost.runtime.java;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

/**
 * The child side of {@link UnloadCyclesIT}: deploys, starts, calls, stops and unloads the artifact
 * in {@code template.jar} again and again, printing its progress. With {@code leak} it never
 * unloads, deploying each cycle as a new version instead, which must exhaust a small metaspace:
 * that shows the artifact is big enough for the test to mean something.
 *
 * <p>Arguments: the node directory (its {@code artifacts} folder holds {@code template.jar}), the
 * number of cycles, {@code unload} or {@code leak}.
 */
final class UnloadCycles {
  private UnloadCycles() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int cycles = Integer.parseInt(args[1]);
    boolean unload = args[2].equals("unload");
    Map<String, byte[]> classes = classesOf(home.resolve("artifacts").resolve("template.jar"));
    try (TestNode node = new TestNode(home)) {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        ArtifactId artifact =
            new ArtifactId(RuntimeId.JAVA, "fixture.wallet", Version.of(1, 0, unload ? 0 : cycle));
        try {
          runOnce(node, artifact, classes, cycle, unload);
        } catch (Throwable t) {
          if (causedByOutOfMemory(t)) {
            System.out.println(exhausted(cycle, t));
            System.exit(3);
          }
          throw t;
        }
        if (cycle % 10 == 0) {
          System.out.println("cycle " + cycle + " " + memory());
        }
      }
      System.out.println("done " + cycles + " cycles " + memory());
    }
  }

  private static void runOnce(
      TestNode node, ArtifactId artifact, Map<String, byte[]> classes, int cycle, boolean unload) {
    node.deploy(artifact, FixtureJar.of(artifact, Fixtures.FACTORY, classes));
    InstanceSpec spec = node.start(cycle, "wallet" + cycle, artifact, "hello");
    if (node.transaction(spec, 0, "5").isPresent()) {
      throw new AssertionError("The deposit failed in cycle " + cycle);
    }
    node.setStatus(spec, InstanceStatus.STOPPED);
    if (unload) {
      node.runtime.unloadArtifact(artifact);
    }
  }

  private static Map<String, byte[]> classesOf(Path jar) throws Exception {
    Map<String, byte[]> classes = new TreeMap<>();
    try (JarInputStream in =
        new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(jar)))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().endsWith(".class")) {
          classes.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  /**
   * The line saying the metaspace ran out. It avoids {@code +}: the first run of a string
   * concatenation spins a hidden class, which needs the metaspace that has just run out.
   */
  @SuppressWarnings("UnnecessaryStringBuilder")
  private static String exhausted(int cycle, Throwable t) {
    return new StringBuilder("metaspace exhausted at cycle ")
        .append(cycle)
        .append(": ")
        .append(t)
        .toString();
  }

  private static boolean causedByOutOfMemory(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError
          || String.valueOf(cause.getMessage()).contains("OutOfMemoryError")) {
        return true;
      }
    }
    return false;
  }

  private static String memory() {
    long metaspace = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace")) {
        metaspace = pool.getUsage().getUsed();
      }
    }
    var loading = ManagementFactory.getClassLoadingMXBean();
    return "metaspace="
        + (metaspace >> 20)
        + "MiB loaded="
        + loading.getLoadedClassCount()
        + " unloaded="
        + loading.getUnloadedClassCount();
  }
}
