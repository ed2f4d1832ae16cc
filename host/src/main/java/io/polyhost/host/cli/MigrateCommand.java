package io.polyhost.host.cli;

import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code polyhost migrate --service NAME --to ARTIFACT}: migrates a stopped or frozen service's
 * data to a newer artifact and waits for the outcome.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Migrates a stopped or frozen service to a newer deployed artifact: runs its migration"
          + " script (or fast-forwards when there is none) and waits for the outcome.",
      "After a script has run, migrate again to move the service onto the new artifact, then"
          + " resume it."
    })
final class MigrateCommand extends ClientCommand {
  @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service.")
  String service = "";

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ARTIFACT",
      description = "The new artifact, runtime:name:version.")
  String artifact = "";

  @Override
  int run() throws TimeoutException {
    SupervisorCalls supervisor = new SupervisorCalls(options, this::progress);
    progress("migrating '" + service + "' to " + artifact + "...");
    JsonNode state = supervisor.migrate(service, artifact);
    JsonNode after = supervisor.service(service);
    if (options.json) {
      var json = JSON.createObjectNode().put("service", service);
      json.set("migration", state);
      json.set("service_state", after);
      printJson(json);
    } else {
      out()
          .println(
              "'"
                  + service
                  + "' migrated: data version "
                  + after.path("data_version").asString("?")
                  + ", status "
                  + SupervisorCalls.statusOf(after));
    }
    return 0;
  }
}
