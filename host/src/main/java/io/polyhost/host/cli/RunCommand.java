package io.polyhost.host.cli;

import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.StartChecks;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + " reuse them.",
      "Settings come from the defaults, then --config, then POLYHOST_* environment variables"
          + " (e.g. POLYHOST_PUBLIC_API=127.0.0.1:9000, POLYHOST_LOG_FORMAT=json), then flags."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin private DataOptions data = new DataOptions();

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
  private final Map<String, String> env;

  /**
   * A command that reads overrides from {@code env} and tells {@code onStarted} about the node once
   * it serves (tests stop it so).
   */
  RunCommand(Consumer<LaunchedNode> onStarted, Map<String, String> env) {
    this.onStarted = onStarted;
    this.env = Map.copyOf(env);
  }

  @Option(
      names = "--auto-deploy",
      description =
          "Deploy every artifact dropped into the artifacts folder (supervisor in simple mode).")
  boolean autoDeploy;

  @Option(
      names = "--auto-start",
      description = "With --auto-deploy: also start a service named after each artifact.")
  boolean autoStart;

  NodeConfig nodeConfig() {
    NodeConfig result = data.nodeConfig(env);
    if (artifactsDir != null) {
      result = result.withArtifactsDir(artifactsDir);
    }
    if (publicPort != null) {
      result = result.withPublicPort(publicPort);
    }
    if (privatePort != null) {
      result = result.withPrivatePort(privatePort);
    }
    return StartChecks.require(result);
  }

  @Override
  public Integer call() {
    NodeConfig config = nodeConfig();
    LogSetup.apply(config.logFormat());
    if (!StartChecks.privateApiOnLoopback(config)) {
      LOG.warn(
          "The private API listens on {}, reachable from other machines: it carries"
              + " administration, so guard it with a firewall",
          config.privateApi());
    }
    if (autoStart && !autoDeploy) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--auto-start needs --auto-deploy");
    }
    LaunchedNode node =
        LaunchedNode.start(config, new LaunchedNode.Automation(autoDeploy, autoStart));
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
