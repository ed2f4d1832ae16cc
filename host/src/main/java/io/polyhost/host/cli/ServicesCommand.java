package io.polyhost.host.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code polyhost services}: the services on the chain with their artifact and status. */
@Command(
    name = "services",
    mixinStandardHelpOptions = true,
    description = "Lists the services: name, id, artifact and status.")
final class ServicesCommand extends ClientCommand {
  @Override
  int run() {
    JsonNode answer = options.client().http().get(SupervisorCalls.PREFIX + "services");
    if (options.json) {
      printJson(answer);
      return 0;
    }
    out().println(String.format("%-24s %6s  %-32s %s", "NAME", "ID", "ARTIFACT", "STATUS"));
    for (JsonNode s : answer.path("services")) {
      JsonNode spec = s.path("spec");
      JsonNode artifact = spec.path("artifact");
      String pending = s.path("pending_status").path("type").asString("");
      out()
          .println(
              String.format(
                  "%-24s %6d  %-32s %s",
                  spec.path("name").asString(),
                  spec.path("id").asLong(),
                  artifact.path("runtime_id").asInt()
                      + ":"
                      + artifact.path("name").asString()
                      + ":"
                      + artifact.path("version").asString(),
                  SupervisorCalls.statusOf(s)
                      + (pending.isEmpty() ? "" : " (becoming " + pending + ")")));
    }
    return 0;
  }
}
