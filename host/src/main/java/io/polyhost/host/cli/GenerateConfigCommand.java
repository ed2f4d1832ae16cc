package io.polyhost.host.cli;

import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeConfigFile;
import io.polyhost.host.config.NodeHome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code polyhost generate-config}: prepares a single validator's folder (keys, genesis, {@code
 * node.json}) that {@code run --config DIR/node.json} starts from.
 */
@Command(
    name = "generate-config",
    mixinStandardHelpOptions = true,
    description =
        "Creates a validator's keys, a one-validator genesis and node.json in a new folder.")
final class GenerateConfigCommand implements Callable<Integer> {
  @Spec private @org.jspecify.annotations.Nullable CommandSpec spec;

  @Option(
      names = "--output-dir",
      required = true,
      paramLabel = "DIR",
      description = "The folder to create; it must not exist or be empty.")
  private Path outputDir = Path.of("");

  @Option(
      names = "--artifacts-dir",
      paramLabel = "DIR",
      description = "Artifacts folder the node will use (default: artifacts/deploy).")
  private Path artifactsDir = Path.of("artifacts", "deploy");

  @Option(names = "--public-port", paramLabel = "PORT", description = "Default: 8200.")
  private int publicPort = NodeConfig.DEFAULT_PUBLIC_PORT;

  @Option(names = "--private-port", paramLabel = "PORT", description = "Default: 8091.")
  private int privatePort = NodeConfig.DEFAULT_PRIVATE_PORT;

  @Override
  public Integer call() throws Exception {
    CommandSpec command = java.util.Objects.requireNonNull(spec);
    if (Files.exists(outputDir)) {
      try (var entries = Files.list(outputDir)) {
        if (entries.findAny().isPresent()) {
          throw new ParameterException(
              command.commandLine(),
              "The folder " + outputDir + " is not empty; choose a new one for --output-dir");
        }
      }
    }
    NodeHome home = NodeHome.openOrCreate(outputDir);
    NodeConfig config =
        NodeConfig.defaults()
            .withDataDir(outputDir)
            .withArtifactsDir(artifactsDir)
            .withPublicPort(publicPort)
            .withPrivatePort(privatePort);
    Path file = outputDir.resolve("node.json");
    NodeConfigFile.write(file, config);
    PrintWriter out = command.commandLine().getOut();
    out.println("Validator consensus key: " + home.consensusKeys().publicKey());
    out.println("Validator service key:   " + home.serviceKeys().publicKey());
    out.println("Start it with: ./polyhost run --config " + file);
    out.flush();
    return 0;
  }
}
