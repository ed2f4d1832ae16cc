package io.polyhost.host.cli;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.host.admin.Administration;
import io.polyhost.host.admin.AutoDeploy;
import io.polyhost.host.artifacts.ArtifactsFolder;
import io.polyhost.host.config.NodeConfig;
import io.polyhost.host.config.NodeHome;
import io.polyhost.host.http.ApiLimits;
import io.polyhost.host.http.ApiServer;
import io.polyhost.host.http.SupervisorEndpoints;
import io.polyhost.host.metrics.NodeMetrics;
import io.polyhost.host.node.Node;
import io.polyhost.host.ordering.EmbeddedOrderingConfig;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.runtime.java.JavaRuntime;
import io.polyhost.runtime.js.JsRuntime;
import io.polyhost.supervisor.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node started from a {@link NodeConfig}: its data folder opened (keys and genesis created on
 * first start), the Java and JavaScript runtimes (timed by its metrics), the node and its HTTP API
 * (with the metrics at {@code /metrics} on the private listener). Wired here by hand, the
 * composition root of {@code run}.
 */
public final class LaunchedNode implements AutoCloseable {
  private final Node node;
  private final ApiServer api;
  private final NodeHome home;
  private final ArtifactsFolder folder;
  private final Optional<AutoDeploy> autoDeploy;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * What the node does with the artifacts folder on its own.
   *
   * @param autoDeploy deploy every artifact dropped into the folder (simple mode only)
   * @param autoStart also start a service named after each auto-deployed artifact
   */
  public record Automation(boolean autoDeploy, boolean autoStart) {
    /** Nothing automatic: administrators deploy through the API. */
    public static final Automation NONE = new Automation(false, false);
  }

  private LaunchedNode(
      Node node,
      ApiServer api,
      NodeHome home,
      ArtifactsFolder folder,
      Optional<AutoDeploy> autoDeploy) {
    this.folder = folder;
    this.autoDeploy = autoDeploy;
    this.node = node;
    this.api = api;
    this.home = home;
  }

  /**
   * Starts a node as {@code config} says.
   *
   * @throws IllegalArgumentException if the data folder holds unusable keys or genesis
   * @throws IllegalStateException if the JVM is not in UTC or a port is taken
   */
  public static LaunchedNode start(NodeConfig config) {
    return start(config, Automation.NONE);
  }

  /** Like {@link #start(NodeConfig)}, with {@code automation} of the artifacts folder. */
  public static LaunchedNode start(NodeConfig config, Automation automation) {
    NodeHome home = NodeHome.openOrCreate(config.dataDir());
    try {
      Files.createDirectories(config.artifactsDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the artifacts folder " + config.artifactsDir(), e);
    }
    JavaRuntime java = new JavaRuntime(config.artifactsDir());
    java.registerBuiltin(Supervisor.ARTIFACT, Supervisor.factory());
    NodeMetrics metrics = NodeMetrics.create();
    Map<Integer, Runtime> runtimes =
        metrics.instrument(
            Map.of(
                RuntimeId.JAVA, java, RuntimeId.JAVASCRIPT, new JsRuntime(config.artifactsDir())));
    ConsensusConfigProto consensus = home.genesis().getConsensusConfig();
    Node node =
        Node.start(
            new Node.Config(
                home.databaseDir(),
                home.genesis(),
                PoolConfig.defaults().withMaxMessageBytes(consensus.getMaxMessageLen()),
                ordering(consensus),
                Clock.systemUTC(),
                Supervisor::awaitsBlocks),
            runtimes,
            home.consensusKeys(),
            home.serviceKeys());
    ArtifactsFolder folder =
        ArtifactsFolder.watch(config.artifactsDir(), Duration.ofSeconds(1), Duration.ofSeconds(5));
    try {
      metrics.bind(node);
      Administration admin = new Administration(node, folder);
      ApiServer api =
          ApiServer.start(
              node,
              new ApiServer.Settings(
                  config.publicApi(),
                  config.privateApi(),
                  Map.of(RuntimeId.JAVA, "java", RuntimeId.JAVASCRIPT, "javascript"),
                  new ApiLimits(config.maxBatchTransactions(), config.maxBatchBytes())),
              List.of(metrics, new SupervisorEndpoints(admin)));
      Optional<AutoDeploy> auto =
          automation.autoDeploy()
              ? Optional.of(AutoDeploy.enable(admin, automation.autoStart()))
              : Optional.empty();
      return new LaunchedNode(node, api, home, folder, auto);
    } catch (RuntimeException e) {
      folder.close();
      node.close();
      throw e;
    }
  }

  /**
   * The embedded engine's timing from the genesis limits. Empty blocks are off: an idle single
   * validator would otherwise write five blocks a second forever into its data folder.
   */
  private static EmbeddedOrderingConfig ordering(ConsensusConfigProto consensus) {
    return EmbeddedOrderingConfig.defaults()
        .withMaxTxsPerBlock(consensus.getTxsBlockLimit())
        .withProposeTimeouts(
            Duration.ofMillis(consensus.getMinProposeTimeout()),
            Duration.ofMillis(consensus.getMaxProposeTimeout()))
        // A uint32: above Integer.MAX_VALUE it is as good as infinite.
        .withProposeThreshold(
            (int)
                Math.min(
                    Integer.toUnsignedLong(consensus.getProposeTimeoutThreshold()),
                    Integer.MAX_VALUE))
        .withEmptyBlocks(false);
  }

  /** The node, e.g. to read the chain in tests. */
  public Node node() {
    return node;
  }

  /** The opened data folder: keys and genesis. */
  public NodeHome home() {
    return home;
  }

  /** The public listener's port. */
  public int publicPort() {
    return api.publicPort();
  }

  /** The private listener's port. */
  public int privatePort() {
    return api.privatePort();
  }

  /** Completes when the node stops producing blocks: closed, or failed. */
  public CompletionStage<Void> termination() {
    return node.termination();
  }

  /** Stops the API, then the node; calling it again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      autoDeploy.ifPresent(AutoDeploy::close);
      folder.close();
      api.close();
      node.close();
    }
  }
}
