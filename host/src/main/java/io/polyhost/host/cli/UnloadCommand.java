package io.polyhost.host.cli;

import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code polyhost unload ARTIFACT}: unloads a deployed artifact that no service uses. */
@Command(
    name = "unload",
    mixinStandardHelpOptions = true,
    description = "Unloads a deployed artifact no service uses; waits until it is gone.")
final class UnloadCommand extends ClientCommand {
  @Parameters(paramLabel = "ARTIFACT", description = "runtime:name:version")
  String artifact = "";

  @Override
  int run() throws TimeoutException {
    SupervisorCalls supervisor = new SupervisorCalls(options, this::progress);
    var change = JSON.createObjectNode().put("artifact_id", artifact);
    var tx = supervisor.propose("unload_artifact", change);
    supervisor.awaitUnloaded(artifact);
    if (options.json) {
      printJson(JSON.createObjectNode().put("artifact", artifact).put("tx_hash", tx.toHex()));
    } else {
      out().println(artifact + ": unloaded");
    }
    return 0;
  }
}
