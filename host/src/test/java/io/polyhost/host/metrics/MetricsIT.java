package io.polyhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.config.ListenAddress;
import io.polyhost.host.http.ApiServer;
import io.polyhost.host.node.Node;
import io.polyhost.host.ordering.EmbeddedOrderingConfig;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on the private listener of a real node with the test runtime. */
class MetricsIT {
  private static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path dir;
  Node node;
  ApiServer api;

  @BeforeEach
  void start() {
    var genesis =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), new byte[0])
            .genesis();
    NodeMetrics metrics = NodeMetrics.create();
    Map<Integer, Runtime> runtimes =
        metrics.instrument(
            Map.of(
                1,
                TestChain.withSupervisor(new TestRuntime(1, true))
                    .offer(COUNTER, () -> new Counter(true))));
    node =
        Node.start(
            new Node.Config(
                dir.resolve("data"),
                genesis,
                PoolConfig.defaults(),
                EmbeddedOrderingConfig.defaults()
                    .withProposeTimeouts(Duration.ofMillis(5), Duration.ofMillis(50))
                    .withEmptyBlocks(false),
                Clock.systemUTC()),
            runtimes,
            TestChain.VALIDATOR,
            TestChain.VALIDATOR);
    metrics.bind(node);
    api =
        ApiServer.start(
            node,
            new ApiServer.Settings(
                ListenAddress.loopback(0), ListenAddress.loopback(0), Map.of(1, "test")),
            List.of(metrics));
  }

  @AfterEach
  void stop() {
    api.close();
    node.close();
  }

  @Test
  void committedWorkShowsInTheMetrics() throws Exception {
    List<SignedTransaction> txs = List.of(tx(1, 1), tx(2, 1), tx(3, 2));
    for (SignedTransaction tx : txs) {
      assertThat(node.pool().submitAndWait(tx.bytes()).accepted()).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> node.blockchain().read(core -> core.location(txs.getLast().hash()).isPresent()));

    String text = scrape(api.privatePort());
    assertThat(value(text, "polyhost_transactions_committed_total")).isEqualTo(3);
    assertThat(value(text, "polyhost_blocks_committed_total"))
        .isEqualTo(node.blockchain().height());
    assertThat(value(text, "polyhost_block_height")).isEqualTo(node.blockchain().height());
    assertThat(value(text, "polyhost_call_errors_total", "kind=\"service\"", "service=\"counter\""))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                "polyhost_service_call_seconds_count",
                "call=\"execute\"",
                "outcome=\"ok\"",
                "service=\"counter\""))
        .isEqualTo(2);
    assertThat(
            value(
                text,
                "polyhost_service_call_seconds_count",
                "call=\"execute\"",
                "outcome=\"error\"",
                "service=\"counter\""))
        .isEqualTo(1);
    assertThat(
            value(
                text,
                "polyhost_service_call_seconds_count",
                "call=\"after_transactions\"",
                "service=\"counter\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(text, "polyhost_pool_transactions")).isZero();
    assertThat(value(text, "polyhost_services", "status=\"active\"")).isEqualTo(2);
    assertThat(value(text, "polyhost_services", "status=\"stopped\"")).isZero();
  }

  @Test
  void metricsAreOnlyOnThePrivateListener() throws Exception {
    HttpResponse<String> hidden = get(api.publicPort());
    assertThat(hidden.statusCode()).isEqualTo(404);
    HttpResponse<String> shown = get(api.privatePort());
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> response = get(port);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(int port) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + NodeMetrics.PATH)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample of {@code name} whose labels include {@code labels}. */
  private static double value(String text, String name, String... labels) {
    List<String> lines =
        text.lines()
            .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
            .filter(l -> List.of(labels).stream().allMatch(l::contains))
            .toList();
    assertThat(lines).as("samples of %s %s in:%n%s", name, List.of(labels), text).hasSize(1);
    String line = lines.getFirst();
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private static SignedTransaction tx(int nonce, int methodId) {
    byte[] seed = java.nio.ByteBuffer.allocate(32).putInt(nonce).putInt(77).array();
    return SignedMessage.sign(
        KeyPair.fromSeed(seed),
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(1).setMethodId(methodId))
            .setArguments(ByteString.EMPTY)
            .build());
  }
}
