package io.polyhost.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's flow as written: its run command, then the commands of its "Try it" section, on the
 * example artifacts the build put into {@code artifacts/deploy/}.
 */
class ReadmeIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path sandbox;

  @Test
  void the_readme_flow_runs_as_written() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> commands = new ArrayList<>();
    commands.addAll(
        section(readme, "## Two commands").stream().filter(c -> c.contains(" run")).toList());
    commands.addAll(section(readme, "## Try it"));
    assertThat(commands).as("the run command, then the Try it commands").hasSizeGreaterThan(4);
    assertThat(commands.getFirst()).isEqualTo("./polyhost run");

    String last = "";
    try (DocumentedSession session = new DocumentedSession(ROOT, sandbox, true)) {
      for (String command : commands) {
        last = session.run(session.adapt(command));
      }
      System.out.println(session.transcript());
    }

    assertThat(last).contains("\"balance\"").contains("100").contains("proof verified: block");
  }

  /** The shell commands of the README section that starts with {@code heading}. */
  private List<String> section(String readme, String heading) throws Exception {
    int start = readme.indexOf(heading + "\n");
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length());
    Path part = Files.createTempFile(sandbox, "section", ".md");
    Files.writeString(part, readme.substring(start, end < 0 ? readme.length() : end));
    return DocumentedSession.commands(part);
  }
}
