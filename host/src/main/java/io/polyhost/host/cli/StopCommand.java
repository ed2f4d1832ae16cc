package io.polyhost.host.cli;

import picocli.CommandLine.Command;

/**
 * {@code polyhost stop NAME}: Stops a service: it keeps its data but takes no transactions and
 * serves no endpoints.
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description =
        "Stops a service: it keeps its data but takes no transactions and serves no endpoints. Waits until it is stopped.")
final class StopCommand extends ServiceChangeCommand {
  @Override
  String changeKind() {
    return "stop_service";
  }

  @Override
  String targetStatus() {
    return "stopped";
  }
}
