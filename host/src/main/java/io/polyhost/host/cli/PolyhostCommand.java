package io.polyhost.host.cli;

import java.util.Map;
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

  private PolyhostCommand(Consumer<LaunchedNode> onStarted, Map<String, String> env) {
    this.commandLine =
        new CommandLine(this)
            .addSubcommand(new RunCommand(onStarted, env))
            .addSubcommand(new GenerateConfigCommand())
            .addSubcommand(new MaintenanceCommand())
            .addSubcommand(new StatusCommand())
            .addSubcommand(new ServicesCommand())
            .addSubcommand(new ArtifactsCommand())
            .addSubcommand(new DeployCommand())
            .addSubcommand(new StartCommand())
            .addSubcommand(new StopCommand())
            .addSubcommand(new FreezeCommand())
            .addSubcommand(new ResumeCommand())
            .addSubcommand(new MigrateCommand())
            .addSubcommand(new UnloadCommand())
            .addSubcommand(new TxCommand())
            .addSubcommand(new ReadCommand())
            .addSubcommand(new KeygenCommand())
            .addSubcommand(new NewServiceCommand());
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
    return commandLine(onStarted, System.getenv());
  }

  /** The command line; {@code run} takes its {@code POLYHOST_*} overrides from {@code env}. */
  public static CommandLine commandLine(Consumer<LaunchedNode> onStarted, Map<String, String> env) {
    return new PolyhostCommand(onStarted, env).commandLine;
  }

  @Override
  public void run() {
    commandLine.usage(commandLine.getOut());
  }
}
