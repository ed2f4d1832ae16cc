package io.polyhost.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import io.polyhost.storage.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unloading is real under pressure: 200 cycles of deploy, start, call, stop and unload of an
 * artifact with some 200 classes fit in a 64 MiB metaspace, while the same artifact deployed 200
 * times without unloading does not.
 */
class UnloadCyclesIT {
  private static final List<String> SMALL_METASPACE = List.of("-XX:MaxMetaspaceSize=64m");
  private static final int CYCLES = 200;

  @TempDir Path dir;

  @Test
  void twoHundredCyclesEndWithoutRunningOutOfMetaspace() throws Exception {
    Path home = writeTemplate(dir.resolve("node"));
    String done;
    ChildJvm.Output output;
    try (ChildJvm child =
        ChildJvm.start(
            UnloadCycles.class,
            dir.resolve("child"),
            SMALL_METASPACE,
            home.toString(),
            Integer.toString(CYCLES),
            "unload")) {
      // Each wait has a minute of patience: wait for the cycles in steps on a busy machine.
      for (int cycle = 50; cycle < CYCLES; cycle += 50) {
        String step = "cycle " + cycle + " ";
        child.awaitLine(l -> l.startsWith(step), step);
      }
      done = child.awaitLine(l -> l.startsWith("done"), "the end of " + CYCLES + " cycles");
      output = child.kill();
    }
    System.out.println(String.join("\n", output.lines()));
    assertThat(done).startsWith("done " + CYCLES + " cycles");
    assertThat(output.stderr()).doesNotContain("OutOfMemoryError");
    long unloaded = Long.parseLong(done.replaceAll(".* unloaded=(\\d+).*", "$1"));
    assertThat(unloaded).as("classes unloaded: %s", done).isGreaterThan(CYCLES * 50L);
  }

  @Test
  void withoutUnloadingTheSameCyclesRunOutOfMetaspace() throws Exception {
    Path home = writeTemplate(dir.resolve("node"));
    try (ChildJvm child =
        ChildJvm.start(
            UnloadCycles.class,
            dir.resolve("child"),
            SMALL_METASPACE,
            home.toString(),
            Integer.toString(CYCLES),
            "leak")) {
      String exhausted =
          child.awaitLine(
              l -> l.startsWith("metaspace exhausted") || l.startsWith("done"),
              "the metaspace running out");
      System.out.println(exhausted);
      assertThat(exhausted).startsWith("metaspace exhausted at cycle");
    }
  }

  /** Writes the wallet with 200 extra classes as the child's {@code template.jar}. */
  private static Path writeTemplate(Path home) throws Exception {
    Path artifacts = Files.createDirectories(home.resolve("artifacts"));
    Map<String, byte[]> classes = new TreeMap<>(Fixtures.walletClasses("one"));
    classes.putAll(FixtureCompiler.compile(bulk(200)));
    ArtifactId template = new ArtifactId(RuntimeId.JAVA, "fixture.wallet", Version.of(1, 0, 0));
    FixtureJar.of(template, Fixtures.FACTORY, classes).writeTo(artifacts, "template.jar");
    return home;
  }

  /** {@code count} classes of twenty small methods each, referenced by nothing. */
  private static Map<String, String> bulk(int count) {
    Map<String, String> sources = new HashMap<>();
    for (int i = 0; i < count; i++) {
      StringBuilder source =
          new StringBuilder("package fixture.wallet; public final class Bulk" + i + " {\n");
      for (int m = 0; m < 20; m++) {
        source.append(
            "  public static String m%d(long x) { long y = x * %d + %d; return \"m%d:\" + y + (y > 7 ? \"big\" : \"small\"); }\n"
                .formatted(m, i + 3, m, m));
      }
      sources.put("fixture.wallet.Bulk" + i, source.append("}\n").toString());
    }
    return sources;
  }
}
