package io.polyhost.host.http;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.host.config.ListenAddress;
import io.polyhost.host.http.HttpClientSupport.Answer;
import io.polyhost.host.node.Node;
import io.polyhost.host.ordering.EmbeddedOrderingConfig;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.testing.Actions;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real node with the test runtime and its HTTP API on 127.0.0.1, ports chosen by the system. */
abstract class ApiFixture {
  static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");
  static final String TXS = "/api/explorer/v1/transactions";

  @TempDir Path dir;
  Node node;
  ApiServer api;
  HttpClientSupport http;
  HttpClientSupport admin;

  @BeforeEach
  void start() {
    var genesis =
        TestChain.builder(dir)
            .artifact(COUNTER)
            .instance(new InstanceSpec(1, "counter", COUNTER), new byte[0])
            .genesis();
    var config =
        new Node.Config(
            dir.resolve("data"),
            genesis,
            PoolConfig.defaults(),
            EmbeddedOrderingConfig.defaults()
                .withProposeTimeouts(Duration.ofMillis(5), Duration.ofMillis(50))
                .withEmptyBlocks(false),
            Clock.systemUTC());
    Map<Integer, Runtime> runtimes =
        Map.of(
            1,
            new ServingRuntime(
                TestChain.withSupervisor(new TestRuntime(1, true)).offer(COUNTER, Counter::new)));
    node = Node.start(config, runtimes, TestChain.VALIDATOR, TestChain.VALIDATOR);
    api =
        ApiServer.start(
            node,
            new ApiServer.Settings(
                ListenAddress.loopback(0), ListenAddress.loopback(0), Map.of(1, "test")),
            extraRoutes());
    http = new HttpClientSupport(api.publicPort());
    admin = new HttpClientSupport(api.privatePort());
  }

  /** Routes a test adds to the API besides the node's own. */
  List<ApiRoutes> extraRoutes() {
    return List.of();
  }

  @AfterEach
  void stop() {
    api.close();
    node.close();
  }

  static SignedTransaction transaction(int nonce, int methodId) {
    return call(nonce, 1, methodId, new byte[0]);
  }

  /** A transaction to the test supervisor (instance 0) that runs {@code action} in its block. */
  static SignedTransaction supervise(int nonce, Consumer<SupervisorExtensions> action) {
    byte[] arguments =
        Actions.register(context -> action.accept(context.supervisorExtensions().orElseThrow()));
    return call(nonce, 0, 0, arguments);
  }

  private static SignedTransaction call(int nonce, int instanceId, int methodId, byte[] args) {
    byte[] seed = ByteBuffer.allocate(32).putInt(nonce).putInt(23).array();
    AnyTxProto tx =
        AnyTxProto.newBuilder()
            .setCallInfo(CallInfoProto.newBuilder().setInstanceId(instanceId).setMethodId(methodId))
            .setArguments(ByteString.copyFrom(args))
            .build();
    return SignedMessage.sign(KeyPair.fromSeed(seed), tx);
  }

  /** Submits {@code tx} and waits until it is committed. */
  void commit(SignedTransaction tx) {
    Answer answer = submit(tx);
    if (answer.status() != 200) {
      throw new AssertionError("Submission refused: " + answer.json());
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.blockchain().read(core -> core.location(tx.hash()).isPresent()));
  }

  Answer submit(SignedTransaction tx) {
    return http.postJson(TXS, "{\"tx_body\": \"" + HexFormat.of().formatHex(tx.bytes()) + "\"}");
  }

  Answer postJson(String path, String body) {
    return http.postJson(path, body);
  }

  Answer get(String pathAndQuery) {
    return http.get(pathAndQuery);
  }
}
