package io.polyhost.host.cli;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proto.GenesisConfigProto;
import io.polyhost.host.config.GenesisFile;
import io.polyhost.host.config.KeyFiles;
import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeConfigFile;
import io.polyhost.host.config.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code polyhost generate-config}: prepares validator folders (keys, genesis, {@code node.toml})
 * that {@code run --config DIR/node.toml} starts from. One validator gets {@code DIR} itself;
 * several get {@code DIR/validator-0}, {@code DIR/validator-1}, ... sharing one genesis, with ports
 * counting up from the given ones on loopback.
 */
@Command(
    name = "generate-config",
    mixinStandardHelpOptions = true,
    description = {
      "Creates validators' keys, their genesis and node.toml files in a new folder.",
      "With --validators N > 1, each validator gets DIR/validator-I with ports PORT+I on"
          + " 127.0.0.1 (run starts single-validator chains only, for now)."
    })
final class GenerateConfigCommand implements Callable<Integer> {
  @Spec private @org.jspecify.annotations.Nullable CommandSpec spec;

  @Option(
      names = "--output-dir",
      required = true,
      paramLabel = "DIR",
      description = "The folder to create; it must not exist or be empty.")
  private Path outputDir = Path.of("");

  @Option(
      names = "--validators",
      paramLabel = "N",
      description = "How many validators (default: 1, at most 100).")
  private int validators = 1;

  @Option(
      names = "--artifacts-dir",
      paramLabel = "DIR",
      description = "Artifacts folder the nodes will use (default: artifacts/deploy).")
  private Path artifactsDir = Path.of("artifacts", "deploy");

  @Option(names = "--public-port", paramLabel = "PORT", description = "Default: 8200.")
  private int publicPort = NodeConfig.DEFAULT_PUBLIC_PORT;

  @Option(names = "--private-port", paramLabel = "PORT", description = "Default: 8091.")
  private int privatePort = NodeConfig.DEFAULT_PRIVATE_PORT;

  @Override
  public Integer call() throws IOException {
    CommandSpec command = java.util.Objects.requireNonNull(spec);
    checkArguments(command);
    List<Path> folders = new ArrayList<>();
    List<PublicKey> consensus = new ArrayList<>();
    List<PublicKey> service = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      Path folder = validators == 1 ? outputDir : outputDir.resolve("validator-" + i);
      folders.add(folder);
      KeyPair consensusKeys = KeyFiles.create(NodeHome.consensusKeyFile(folder));
      KeyPair serviceKeys = KeyFiles.create(NodeHome.serviceKeyFile(folder));
      consensus.add(consensusKeys.publicKey());
      service.add(serviceKeys.publicKey());
    }
    GenesisConfigProto genesis = GenesisFile.forValidators(consensus, service);
    PrintWriter out = command.commandLine().getOut();
    for (int i = 0; i < validators; i++) {
      Path folder = folders.get(i);
      GenesisFile.write(NodeHome.genesisFile(folder), genesis);
      NodeConfig config =
          NodeConfig.defaults()
              .withDataDir(folder)
              .withArtifactsDir(artifactsDir)
              .withPublicPort(publicPort + i)
              .withPrivatePort(privatePort + i);
      Path file = folder.resolve("node.toml");
      NodeConfigFile.write(file, config);
      out.println("Validator " + i + " consensus key: " + consensus.get(i));
      out.println("Validator " + i + " service key:   " + service.get(i));
      out.println("Start it with: ./polyhost run --config " + file);
    }
    out.flush();
    return 0;
  }

  private void checkArguments(CommandSpec command) throws IOException {
    if (validators < 1 || validators > 100) {
      throw new ParameterException(
          command.commandLine(), "--validators must be from 1 to 100, got " + validators);
    }
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < validators; i++) {
      for (int port : new int[] {publicPort + i, privatePort + i}) {
        if (port < 1 || port > 65_535 || !ports.add(port)) {
          throw new ParameterException(
              command.commandLine(),
              "The validators' ports overlap or leave 1-65535 (public "
                  + publicPort
                  + "+I, private "
                  + privatePort
                  + "+I for I < "
                  + validators
                  + "); choose --public-port and --private-port at least "
                  + validators
                  + " apart");
        }
      }
    }
    if (Files.exists(outputDir)) {
      try (var entries = Files.list(outputDir)) {
        if (entries.findAny().isPresent()) {
          throw new ParameterException(
              command.commandLine(),
              "The folder " + outputDir + " is not empty; choose a new one for --output-dir");
        }
      }
    }
  }
}
