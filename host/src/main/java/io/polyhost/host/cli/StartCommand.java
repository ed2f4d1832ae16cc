package io.polyhost.host.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code polyhost start ARTIFACT}: starts a service from an artifact, deploying it first if needed
 * (the supervisor's simple mode).
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a service from ARTIFACT (runtime:name:version), deploying it first if it is not yet;"
          + " waits until the service is active. Needs the supervisor's simple mode."
    })
final class StartCommand extends ClientCommand {
  @Parameters(paramLabel = "ARTIFACT", description = "runtime:name:version")
  String artifact = "";

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The service's name (default: the artifact's name).")
  @Nullable String name;

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description = "The constructor's argument, as JSON text (what JavaScript services decode).")
  @Nullable String config;

  @Override
  int run() {
    var body = JSON.createObjectNode().put("artifact", artifact);
    if (name != null) {
      body.put("name", name);
    }
    if (config != null) {
      body.put("config", config);
    }
    body.put("timeout_seconds", options.timeout().toSeconds());
    progress("starting a service from " + artifact + "...");
    JsonNode done = options.adminHttp().post(SupervisorCalls.PREFIX + "deploy-and-start", body);
    if (options.json) {
      printJson(done);
    } else {
      out()
          .println(
              "started '"
                  + done.path("instance_name").asString()
                  + "' (instance "
                  + done.path("instance_id").asLong()
                  + ") from "
                  + artifact);
    }
    return 0;
  }
}
