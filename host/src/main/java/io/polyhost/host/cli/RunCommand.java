package io.polyhost.host.cli;

import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeConfigFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polyhost run}: starts a single-validator node and its HTTP API, and runs until stopped
 * (SIGTERM or Ctrl-C), then shuts down cleanly.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-validator node with its HTTP API until it is stopped (Ctrl-C or SIGTERM).",
      "The first start creates the validator's keys and genesis in the data folder; later starts"
          + " reuse them."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A node configuration (JSON, e.g. from generate-config); flags override it.")
  private @Nullable Path config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: data).")
  private @Nullable Path dataDir;

  @Option(
      names = "--artifacts-dir",
      paramLabel = "DIR",
      description = "Artifacts folder (default: artifacts/deploy).")
  private @Nullable Path artifactsDir;

  @Option(
      names = "--public-port",
      paramLabel = "PORT",
      description = "Public API port on 127.0.0.1 (default: 8200; 0 picks a free port).")
  private @Nullable Integer publicPort;

  @Option(
      names = "--private-port",
      paramLabel = "PORT",
      description = "Private API port on 127.0.0.1 (default: 8091; 0 picks a free port).")
  private @Nullable Integer privatePort;

  private final Consumer<LaunchedNode> onStarted;

  /** A command that tells {@code onStarted} about the node once it serves (tests stop it so). */
  RunCommand(Consumer<LaunchedNode> onStarted) {
    this.onStarted = onStarted;
  }

  NodeConfig nodeConfig() {
    NodeConfig result = NodeConfig.defaults();
    if (config != null) {
      result = NodeConfigFile.read(config, result);
    }
    if (dataDir != null) {
      result = result.withDataDir(dataDir);
    }
    if (artifactsDir != null) {
      result = result.withArtifactsDir(artifactsDir);
    }
    if (publicPort != null) {
      result = result.withPublicPort(publicPort);
    }
    if (privatePort != null) {
      result = result.withPrivatePort(privatePort);
    }
    return result;
  }

  @Override
  public Integer call() {
    LaunchedNode node = LaunchedNode.start(nodeConfig());
    Thread hook = new Thread(node::close, "polyhost-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    onStarted.accept(node);
    try {
      node.termination().toCompletableFuture().join();
      return 0;
    } catch (CompletionException e) {
      LOG.error("The node stopped producing blocks", e.getCause());
      return 1;
    } finally {
      node.close();
      removeHook(hook);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook is what got us here.
    }
  }
}
