package io.polyhost.host.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.host.ordering.EmbeddedOrderingConfig;
import io.polyhost.host.pool.Admission;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.pool.RejectionReason;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled node: transactions submitted to the pool end up in committed blocks. */
class NodeIT {
  static final ArtifactId COUNTER = ArtifactId.parse("1:counter:1.0.0");

  @TempDir Path dir;

  private Node start(Duration delay) {
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
                .withProposeTimeouts(delay, delay.multipliedBy(10))
                .withEmptyBlocks(false),
            Clock.systemUTC());
    Map<Integer, Runtime> runtimes =
        Map.of(1, TestChain.withSupervisor(new TestRuntime(1, true)).offer(COUNTER, Counter::new));
    return Node.start(config, runtimes, TestChain.VALIDATOR, TestChain.VALIDATOR);
  }

  @Test
  void submittedTransactionsAreCommitted() {
    List<SignedTransaction> txs = new ArrayList<>();
    try (Node node = start(Duration.ofMillis(5))) {
      for (int i = 0; i < 50; i++) {
        txs.add(transaction(i));
      }
      List<Admission> outcomes =
          node.pool()
              .submitAll(txs.stream().map(SignedTransaction::bytes).toList())
              .toCompletableFuture()
              .join();
      assertThat(outcomes).allMatch(a -> a instanceof Admission.Accepted);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              node.blockchain()
                  .read(core -> txs.stream().allMatch(tx -> core.location(tx.hash()).isPresent())));
      Admission again = node.pool().submitAndWait(txs.getFirst().bytes());
      assertThat(again)
          .isInstanceOfSatisfying(
              Admission.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(RejectionReason.ALREADY_COMMITTED));
    }
  }

  @Test
  void pooledTransactionsSurviveARestart() {
    SignedTransaction pending = transaction(1_000);
    try (Node node = start(Duration.ofHours(1))) {
      var rejected = node.pool().submitAndWait(badTarget().bytes());
      assertThat(rejected)
          .isInstanceOfSatisfying(
              Admission.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(RejectionReason.CHECK_FAILED));
      assertThat(node.pool().submitAndWait(pending.bytes())).isInstanceOf(Admission.Accepted.class);
      assertThat(node.blockchain().height()).as("no block is cut within the hour").isZero();
    }
    try (Node node = start(Duration.ofMillis(5))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> node.blockchain().read(core -> core.location(pending.hash()).isPresent()));
      long persisted = node.blockchain().read(core -> core.pool().size());
      assertThat(persisted).isZero();
    }
  }

  private SignedTransaction transaction(int nonce) {
    return TestTransactions.signed(nonce, 1, 1);
  }

  private SignedTransaction badTarget() {
    return TestTransactions.signed(77, 42, 1);
  }
}
