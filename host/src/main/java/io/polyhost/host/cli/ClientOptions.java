package io.polyhost.host.cli;

import io.polyhost.client.NodeClient;
import io.polyhost.client.NodeHttp;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options every client command shares: where the node listens, how to print, how long to wait.
 */
final class ClientOptions {
  @Option(
      names = "--node",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8200",
      description = "The node's public API (default: ${DEFAULT-VALUE}).")
  URI node = URI.create("http://127.0.0.1:8200");

  @Option(
      names = "--admin",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8091",
      description = "The node's private (admin) API (default: ${DEFAULT-VALUE}).")
  URI admin = URI.create("http://127.0.0.1:8091");

  @Option(names = "--json", description = "Print the answer as JSON, for scripts.")
  boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long to wait for blocks, deployments and migrations (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 60;

  Duration timeout() {
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("--timeout must be positive, not " + timeoutSeconds);
    }
    return Duration.ofSeconds(timeoutSeconds);
  }

  NodeClient client() {
    return NodeClient.connect(node);
  }

  NodeHttp adminHttp() {
    return NodeHttp.of(admin, Duration.ofSeconds(Math.max(30, timeoutSeconds + 5)));
  }
}
