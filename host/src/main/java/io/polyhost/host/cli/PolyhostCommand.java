package io.polyhost.host.cli;

import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code polyhost}: the node's command line; each subcommand is its own class. */
@Command(
    name = "polyhost",
    mixinStandardHelpOptions = true,
    description = "Polyhost: a node that runs deterministic services in Java and JavaScript.")
public final class PolyhostCommand implements Runnable {
  private final CommandLine commandLine;

  private PolyhostCommand(Consumer<LaunchedNode> onStarted) {
    this.commandLine =
        new CommandLine(this)
            .addSubcommand(new RunCommand(onStarted))
            .addSubcommand(new GenerateConfigCommand());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // Bad configuration is the operator's to fix: show the message, not a stack trace.
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("polyhost: " + e.getMessage());
        return 2;
      }
      throw e;
    });
  }

  /** The command line; {@code onStarted} hears of each node {@code run} starts. */
  public static CommandLine commandLine(Consumer<LaunchedNode> onStarted) {
    return new PolyhostCommand(onStarted).commandLine;
  }

  @Override
  public void run() {
    commandLine.usage(commandLine.getOut());
  }
}
