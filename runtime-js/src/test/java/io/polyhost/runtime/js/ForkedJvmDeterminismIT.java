package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.storage.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same transactions on nodes whose JVMs have different default locales give the same state, and
 * a JVM outside UTC refuses to run JavaScript services rather than leak its time zone into them
 * (the launcher starts nodes in UTC). Each node is a child JVM started with real {@code -Duser.*}
 * flags.
 */
class ForkedJvmDeterminismIT {
  private static final List<String> QUIET =
      List.of(
          "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false");

  @TempDir Path dir;

  /** The lines of interest {@link LocaleProbe} printed under {@code flags}. */
  private List<String> probe(String name, String... flags) throws Exception {
    List<String> options = new ArrayList<>(QUIET);
    options.addAll(List.of(flags));
    Path scratch = Files.createDirectories(dir.resolve(name));
    try (ChildJvm child =
        ChildJvm.start(LocaleProbe.class, scratch, options, scratch.resolve("node").toString())) {
      String first =
          child.awaitLine(l -> l.startsWith("STATE ") || l.startsWith("REFUSED "), "the outcome");
      List<String> lines = child.kill().lines();
      System.out.println(
          name + ": " + lines.stream().filter(ForkedJvmDeterminismIT::ofInterest).toList());
      assertThat(first).isNotNull();
      return lines.stream().filter(ForkedJvmDeterminismIT::ofInterest).toList();
    }
  }

  private static boolean ofInterest(String line) {
    return line.startsWith("DEFAULTS ")
        || line.startsWith("PROBE ")
        || line.startsWith("STATE ")
        || line.startsWith("REFUSED ");
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElse("<no " + prefix + ">");
  }

  @Test
  void differentDefaultLocalesGiveTheSameState() throws Exception {
    List<String> english =
        probe("en", "-Duser.timezone=UTC", "-Duser.language=en", "-Duser.country=US");
    List<String> turkish =
        probe("tr", "-Duser.timezone=UTC", "-Duser.language=tr", "-Duser.country=TR");
    List<String> german =
        probe("de", "-Duser.timezone=UTC", "-Duser.language=de", "-Duser.country=DE");
    assertThat(line(turkish, "DEFAULTS ")).isEqualTo("DEFAULTS UTC tr-TR");
    assertThat(line(german, "DEFAULTS ")).isEqualTo("DEFAULTS UTC de-DE");
    String probe = line(english, "PROBE ");
    assertThat(probe)
        .contains("\"upper\":\"ISTANBUL ILIK SS\"")
        .contains("\"localeUpper\":\"ISTANBUL\"")
        .contains("\"number\":\"6,172,839.455\"")
        .contains("\"hours\":22");
    assertThat(line(turkish, "PROBE ")).isEqualTo(probe);
    assertThat(line(german, "PROBE ")).isEqualTo(probe);
    String state = line(english, "STATE ");
    assertThat(state).matches("STATE [0-9a-f]{64}");
    assertThat(line(turkish, "STATE ")).isEqualTo(state);
    assertThat(line(german, "STATE ")).isEqualTo(state);
  }

  @Test
  void aJvmOutsideUtcIsRefusedWithAClearMessage() throws Exception {
    List<String> tokyo =
        probe("tokyo", "-Duser.timezone=Asia/Tokyo", "-Duser.language=ja", "-Duser.country=JP");
    assertThat(line(tokyo, "REFUSED "))
        .contains("time zone is Asia/Tokyo")
        .contains("Start the JVM with -Duser.timezone=UTC");
    assertThat(line(tokyo, "STATE ")).startsWith("<no");
  }
}
