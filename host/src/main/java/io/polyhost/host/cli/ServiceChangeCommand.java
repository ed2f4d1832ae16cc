package io.polyhost.host.cli;

import io.polyhost.api.crypto.Hash;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * A lifecycle change of one service ({@code stop}, {@code freeze}, {@code resume}): proposed to the
 * supervisor as a configuration change taking effect at once, then awaited until the service has
 * its new status.
 */
abstract class ServiceChangeCommand extends ClientCommand {
  @Parameters(paramLabel = "NAME", description = "The service's name.")
  String name = "";

  /** The configuration change's field, e.g. {@code stop_service}. */
  abstract String changeKind();

  /** The status the service has once the change is made, e.g. {@code stopped}. */
  abstract String targetStatus();

  @Override
  final int run() throws TimeoutException {
    SupervisorCalls supervisor = new SupervisorCalls(options, this::progress);
    JsonNode service = supervisor.service(name);
    long id = service.path("spec").path("id").asLong();
    var change = JSON.createObjectNode().put("instance_id", id);
    Hash tx = supervisor.propose(changeKind(), change);
    JsonNode after = supervisor.awaitStatus(name, targetStatus());
    if (options.json) {
      var json = JSON.createObjectNode().put("service", name).put("tx_hash", tx.toHex());
      json.set("status", after.path("status"));
      printJson(json);
    } else {
      out().println("'" + name + "' is " + SupervisorCalls.statusOf(after));
    }
    return 0;
  }
}
