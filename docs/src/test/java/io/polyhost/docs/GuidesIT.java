package io.polyhost.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "first service" guides work as written: every command they show runs, in order, through the
 * real launcher, and the last one reads back what the transaction did.
 */
class GuidesIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path sandbox;

  @Test
  void your_first_service_in_java() throws Exception {
    String last = follow("docs/first-service-java.md");

    assertThat(last).contains("\"value\" : 5").contains("proof verified: block");
  }

  @Test
  void your_first_service_in_javascript() throws Exception {
    String last = follow("docs/first-service-js.md");

    assertThat(last).contains("\"value\" : 5").contains("proof verified: block");
  }

  /** Runs the guide's commands; returns the output of the last one. */
  private String follow(String guide) throws Exception {
    List<String> commands = DocumentedSession.commands(ROOT.resolve(guide));
    assertThat(commands).as("commands in " + guide).hasSizeGreaterThan(5);
    try (DocumentedSession session = new DocumentedSession(ROOT, sandbox, false)) {
      String output = "";
      for (String command : commands) {
        output = session.run(session.adapt(command));
      }
      System.out.println(session.transcript());
      return output;
    }
  }
}
