package io.polyhost.host.cli;

import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code polyhost deploy ARTIFACT}: deploys an artifact of the folder and waits until it is. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploys an artifact from the node's artifacts folder and waits until it is active.",
      "ARTIFACT is runtime:name:version, e.g. 2:wallet:1.0.0 (see `polyhost artifacts`)."
    })
final class DeployCommand extends ClientCommand {
  @Parameters(paramLabel = "ARTIFACT", description = "runtime:name:version")
  String artifact = "";

  @Override
  int run() throws TimeoutException {
    SupervisorCalls supervisor = new SupervisorCalls(options, this::progress);
    for (JsonNode file : supervisor.available()) {
      if (artifact.equals(file.path("artifact").asString(""))
          && file.path("deployed").asBoolean()) {
        report("already deployed", null);
        return 0;
      }
    }
    progress("deploying " + artifact + "...");
    JsonNode sent = supervisor.deploy(artifact);
    report("deployed", sent);
    return 0;
  }

  private void report(String outcome, @org.jspecify.annotations.Nullable JsonNode sent) {
    if (options.json) {
      var json = JSON.createObjectNode().put("artifact", artifact).put("outcome", outcome);
      if (sent != null) {
        json.set("deploy_tx", sent.path("tx_hash"));
      }
      printJson(json);
    } else {
      out().println(artifact + ": " + outcome);
    }
  }
}
