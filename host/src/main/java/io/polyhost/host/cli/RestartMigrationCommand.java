package io.polyhost.host.cli;

import io.polyhost.host.dispatcher.Dispatcher;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polyhost maintenance restart-migration --service NAME}: forgets this node's outcome of a
 * service's data migration, so the script runs again from the start when the node starts; for a
 * node whose local outcome disagrees with the other validators'.
 */
@Command(
    name = "restart-migration",
    mixinStandardHelpOptions = true,
    description =
        "Forgets this node's result of a service's migration script, so it runs again on start.")
final class RestartMigrationCommand implements Callable<Integer> {
  @Spec private @org.jspecify.annotations.Nullable CommandSpec spec;
  @Mixin private DataOptions data = new DataOptions();

  @Option(
      names = "--service",
      required = true,
      paramLabel = "NAME",
      description = "The migrating service's instance name.")
  private String service = "";

  @Override
  public Integer call() {
    var config = data.nodeConfig(System.getenv());
    boolean removed;
    try (RocksDbDatabase db = StoppedNode.open(config.dataDir());
        Fork fork = db.fork()) {
      removed = Dispatcher.removeLocalMigrationResult(fork, service);
      db.merge(fork.intoPatch());
    }
    var commandLine = java.util.Objects.requireNonNull(spec).commandLine();
    if (!removed) {
      PrintWriter err = commandLine.getErr();
      err.println(
          "polyhost: this node holds no migration result for service '"
              + service
              + "' in "
              + config.dataDir()
              + "; check the name, or the migration already finished");
      err.flush();
      return 1;
    }
    PrintWriter out = commandLine.getOut();
    out.println(
        "Forgot the migration result of '"
            + service
            + "'; its script runs again when the node starts");
    out.flush();
    return 0;
  }
}
