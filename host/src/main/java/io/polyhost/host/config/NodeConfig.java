package io.polyhost.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a node keeps its data, finds its artifacts and serves its APIs.
 *
 * @param dataDir the data folder (keys, genesis, database); see {@link NodeHome}
 * @param artifactsDir the folder runtimes load artifacts from
 * @param publicApi the public listener: explorer and service endpoints
 * @param privateApi the private listener: system and administration endpoints
 */
public record NodeConfig(
    Path dataDir, Path artifactsDir, ListenAddress publicApi, ListenAddress privateApi) {
  /** The public port when none is given. */
  public static final int DEFAULT_PUBLIC_PORT = 8200;

  /** The private port when none is given. */
  public static final int DEFAULT_PRIVATE_PORT = 8091;

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if both listeners ask for the same fixed port
   */
  public NodeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(artifactsDir, "artifactsDir");
    Objects.requireNonNull(publicApi, "publicApi");
    Objects.requireNonNull(privateApi, "privateApi");
    if (publicApi.port() != 0 && publicApi.equals(privateApi)) {
      throw new IllegalArgumentException(
          "The public and private APIs both ask for "
              + publicApi
              + "; give them different ports (--public-port, --private-port)");
    }
  }

  /**
   * The defaults, relative to the working folder: data in {@code ./data}, artifacts in {@code
   * artifacts/deploy}, public API on {@code 127.0.0.1:8200}, private API on {@code 127.0.0.1:8091}.
   */
  public static NodeConfig defaults() {
    return new NodeConfig(
        Path.of("data"),
        Path.of("artifacts", "deploy"),
        ListenAddress.loopback(DEFAULT_PUBLIC_PORT),
        ListenAddress.loopback(DEFAULT_PRIVATE_PORT));
  }

  /** This config with another data folder. */
  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(dir, artifactsDir, publicApi, privateApi);
  }

  /** This config with another artifacts folder. */
  public NodeConfig withArtifactsDir(Path dir) {
    return new NodeConfig(dataDir, dir, publicApi, privateApi);
  }

  /** This config with the public API on another port. */
  public NodeConfig withPublicPort(int port) {
    return new NodeConfig(dataDir, artifactsDir, publicApi.withPort(port), privateApi);
  }

  /** This config with the private API on another port. */
  public NodeConfig withPrivatePort(int port) {
    return new NodeConfig(dataDir, artifactsDir, publicApi, privateApi.withPort(port));
  }
}
