package io.polyhost.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a node keeps its data, finds its artifacts and serves its APIs, how large a batch
 * submission may be, and how it logs.
 *
 * @param dataDir the data folder (keys, genesis, database); see {@link NodeHome}
 * @param artifactsDir the folder runtimes load artifacts from
 * @param publicApi the public listener: explorer and service endpoints
 * @param privateApi the private listener: system and administration endpoints
 * @param maxBatchTransactions the most transactions one batch submission may carry
 * @param maxBatchBytes the most bytes the body of one batch submission may have
 * @param logFormat the console log's format
 */
public record NodeConfig(
    Path dataDir,
    Path artifactsDir,
    ListenAddress publicApi,
    ListenAddress privateApi,
    int maxBatchTransactions,
    int maxBatchBytes,
    LogFormat logFormat) {
  /** The public port when none is given. */
  public static final int DEFAULT_PUBLIC_PORT = 8200;

  /** The private port when none is given. */
  public static final int DEFAULT_PRIVATE_PORT = 8091;

  /** The batch limit when none is given: 1,000 transactions (a block's worth by default). */
  public static final int DEFAULT_MAX_BATCH_TRANSACTIONS = 1000;

  /** The batch body limit when none is given: 8 MiB. */
  public static final int DEFAULT_MAX_BATCH_BYTES = 8 << 20;

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if a batch limit is too small; settings that only clash with
   *     each other are reported by {@link StartChecks}, so they may be given in any order
   */
  public NodeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(artifactsDir, "artifactsDir");
    Objects.requireNonNull(publicApi, "publicApi");
    Objects.requireNonNull(privateApi, "privateApi");
    Objects.requireNonNull(logFormat, "logFormat");
    if (maxBatchTransactions < 1) {
      throw new IllegalArgumentException(
          "max-batch-transactions must be at least 1, got " + maxBatchTransactions);
    }
    if (maxBatchBytes < 1024) {
      throw new IllegalArgumentException(
          "max-batch-bytes must be at least 1024, got " + maxBatchBytes);
    }
  }

  /**
   * The defaults, relative to the working folder: data in {@code ./data}, artifacts in {@code
   * artifacts/deploy}, public API on {@code 127.0.0.1:8200}, private API on {@code 127.0.0.1:8091},
   * batches of up to 1,000 transactions in 8 MiB, text logs.
   */
  public static NodeConfig defaults() {
    return new NodeConfig(
        Path.of("data"),
        Path.of("artifacts", "deploy"),
        ListenAddress.loopback(DEFAULT_PUBLIC_PORT),
        ListenAddress.loopback(DEFAULT_PRIVATE_PORT),
        DEFAULT_MAX_BATCH_TRANSACTIONS,
        DEFAULT_MAX_BATCH_BYTES,
        LogFormat.TEXT);
  }

  /** This config with another data folder. */
  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(
        dir, artifactsDir, publicApi, privateApi, maxBatchTransactions, maxBatchBytes, logFormat);
  }

  /** This config with another artifacts folder. */
  public NodeConfig withArtifactsDir(Path dir) {
    return new NodeConfig(
        dataDir, dir, publicApi, privateApi, maxBatchTransactions, maxBatchBytes, logFormat);
  }

  /** This config with the public API on another address. */
  public NodeConfig withPublicApi(ListenAddress address) {
    return new NodeConfig(
        dataDir, artifactsDir, address, privateApi, maxBatchTransactions, maxBatchBytes, logFormat);
  }

  /** This config with the private API on another address. */
  public NodeConfig withPrivateApi(ListenAddress address) {
    return new NodeConfig(
        dataDir, artifactsDir, publicApi, address, maxBatchTransactions, maxBatchBytes, logFormat);
  }

  /** This config with the public API on another port. */
  public NodeConfig withPublicPort(int port) {
    return withPublicApi(publicApi.withPort(port));
  }

  /** This config with the private API on another port. */
  public NodeConfig withPrivatePort(int port) {
    return withPrivateApi(privateApi.withPort(port));
  }

  /** This config with other batch limits. */
  public NodeConfig withBatchLimits(int transactions, int bytes) {
    return new NodeConfig(
        dataDir, artifactsDir, publicApi, privateApi, transactions, bytes, logFormat);
  }

  /** This config with another log format. */
  public NodeConfig withLogFormat(LogFormat format) {
    return new NodeConfig(
        dataDir, artifactsDir, publicApi, privateApi, maxBatchTransactions, maxBatchBytes, format);
  }
}
