package io.polyhost.host.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code polyhost maintenance}: repairs on a stopped node's data folder. */
@Command(
    name = "maintenance",
    mixinStandardHelpOptions = true,
    description = "Repairs on the data folder of a stopped node.",
    subcommands = {ClearPoolCommand.class, RestartMigrationCommand.class})
final class MaintenanceCommand implements Callable<Integer> {
  @Spec private @org.jspecify.annotations.Nullable CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec command = java.util.Objects.requireNonNull(spec);
    command.commandLine().usage(command.commandLine().getErr());
    return 2;
  }
}
