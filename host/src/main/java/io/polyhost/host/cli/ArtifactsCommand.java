package io.polyhost.host.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code polyhost artifacts}: what the artifacts folder holds and what the chain has deployed. */
@Command(
    name = "artifacts",
    mixinStandardHelpOptions = true,
    description = "Lists the artifacts folder (private API) and the deployed artifacts.")
final class ArtifactsCommand extends ClientCommand {
  @Override
  int run() {
    SupervisorCalls supervisor = new SupervisorCalls(options, this::progress);
    JsonNode available = supervisor.available();
    JsonNode deployed = supervisor.services().path("artifacts");
    if (options.json) {
      var json = JSON.createObjectNode();
      json.set("available", available);
      json.set("deployed", deployed);
      printJson(json);
      return 0;
    }
    out().println("In the artifacts folder:");
    if (available.isEmpty()) {
      out().println("  (nothing)");
    }
    for (JsonNode file : available) {
      String line =
          file.has("artifact")
              ? String.format(
                  "  %-32s %-10s %s",
                  file.path("artifact").asString(),
                  file.path("deployed").asBoolean() ? "deployed" : "available",
                  file.path("file").asString())
              : String.format(
                  "  %-32s %-10s %s",
                  file.path("file").asString(), "unusable", file.path("problem").asString(""));
      out().println(line);
    }
    out().println("Deployed:");
    for (JsonNode a : deployed) {
      out()
          .println(
              "  "
                  + a.path("runtime_id").asInt()
                  + ":"
                  + a.path("name").asString()
                  + ":"
                  + a.path("version").asString());
    }
    return 0;
  }
}
