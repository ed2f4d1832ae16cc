package io.polyhost.host.cli;

import picocli.CommandLine.Command;

/**
 * {@code polyhost freeze NAME}: Freezes an active service: its data stays readable (endpoints
 * served), it takes no transactions.
 */
@Command(
    name = "freeze",
    mixinStandardHelpOptions = true,
    description =
        "Freezes an active service: its data stays readable (endpoints served), it takes no transactions. Waits until it is frozen.")
final class FreezeCommand extends ServiceChangeCommand {
  @Override
  String changeKind() {
    return "freeze_service";
  }

  @Override
  String targetStatus() {
    return "frozen";
  }
}
