package io.polyhost.host.pool;

import static io.polyhost.host.pool.TestTransactions.INACTIVE_INSTANCE;
import static io.polyhost.host.pool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProposalTest {
  private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();
  private final Set<Hash> committed = ConcurrentHashMap.newKeySet();
  private final TransactionPool pool = newPool(PoolConfig.defaults());

  private TransactionPool newPool(PoolConfig config) {
    return TransactionPool.create(
        config, CommittedHashes.each(committed::contains), TestTransactions.check(stopped));
  }

  @AfterEach
  void close() {
    pool.close();
  }

  /** Pools transactions one by one, so their arrival order is the list's order. */
  private static List<SignedTransaction> poolInOrder(
      TransactionPool pool, List<SignedTransaction> txs) {
    for (SignedTransaction tx : txs) {
      assertThat(pool.submitAndWait(tx.bytes()).accepted()).isTrue();
    }
    return txs;
  }

  @Test
  void aProposalTakesTheOldestPassingTransactionsAndSkipsFailingOnes() {
    List<SignedTransaction> txs =
        poolInOrder(pool, List.of(tx(2, 0), tx(1), tx(2, 2), tx(3), tx(4), tx(5)));
    stopped.add(2); // service 2 stops after its transactions were pooled
    assertThat(pool.propose(3)).containsExactly(txs.get(1), txs.get(3), txs.get(4));
    assertThat(pool.propose(0)).isEmpty();
    assertThat(pool.size()).as("proposing removes nothing").isEqualTo(6);
    stopped.remove(2);
    assertThat(pool.propose(10)).containsExactlyElementsOf(txs);
  }

  @Test
  void committedTransactionsLeaveThePool() {
    List<SignedTransaction> txs = poolInOrder(pool, List.of(tx(1), tx(2), tx(3)));
    pool.removeCommitted(List.of(txs.get(0).hash(), txs.get(2).hash(), tx(99).hash()));
    assertThat(pool.transactions()).containsExactly(txs.get(1));
    assertThat(pool.totalBytes()).isEqualTo(txs.get(1).size());
  }

  @Test
  void evictionRemovesAtMostTheLimitOfFailingTransactionsOldestFirst() {
    List<SignedTransaction> failing = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      failing.add(tx(2, i));
    }
    List<SignedTransaction> all = new ArrayList<>(failing);
    all.add(1, tx(1)); // a passing one among them
    pool.submitAll(all.stream().map(SignedTransaction::bytes).toList())
        .toCompletableFuture()
        .join();
    assertThat(pool.size()).isEqualTo(251);
    stopped.add(2);
    List<SignedTransaction> byArrival = pool.transactions();
    List<Hash> evicted = pool.evictFailing();
    assertThat(evicted)
        .hasSize(100)
        .containsExactlyElementsOf(
            byArrival.stream()
                .filter(t -> t.instanceId() == 2)
                .limit(100)
                .map(SignedTransaction::hash)
                .toList());
    assertThat(pool.size()).isEqualTo(151);
    assertThat(pool.evictFailing()).hasSize(100);
    assertThat(pool.evictFailing()).hasSize(50);
    assertThat(pool.evictFailing()).isEmpty();
    assertThat(pool.transactions()).containsExactly(all.get(1));
  }

  @Test
  void aRemovalLimitOfZeroDisablesEviction() {
    try (TransactionPool keeping = newPool(PoolConfig.defaults().withRemovalLimit(0))) {
      poolInOrder(keeping, List.of(tx(2, 1), tx(2, 2)));
      stopped.add(2);
      assertThat(keeping.evictFailing()).isEmpty();
      assertThat(keeping.size()).isEqualTo(2);
    }
  }

  @Test
  void aPoolSurvivesARestartThroughItsTransactions() {
    List<SignedTransaction> txs = poolInOrder(pool, List.of(tx(5), tx(3), tx(2, 4), tx(1)));
    List<SignedTransaction> saved = pool.transactions();
    assertThat(saved).containsExactlyElementsOf(txs);

    committed.add(txs.get(1).hash()); // committed while the node was down
    try (TransactionPool restarted = newPool(PoolConfig.defaults())) {
      stopped.add(2); // restored transactions are not checked; eviction handles them later
      List<Admission> outcomes = restarted.restore(saved);
      assertThat(outcomes).filteredOn(Admission::accepted).hasSize(3);
      assertThat(((Admission.Rejected) outcomes.get(1)).reason())
          .isEqualTo(RejectionReason.ALREADY_COMMITTED);
      assertThat(restarted.transactions()).containsExactly(txs.get(0), txs.get(2), txs.get(3));
      assertThat(restarted.totalBytes())
          .isEqualTo(txs.get(0).size() + txs.get(2).size() + txs.get(3).size());
      assertThat(restarted.restore(List.of(txs.get(0))).get(0))
          .extracting(o -> ((Admission.Rejected) o).reason())
          .isEqualTo(RejectionReason.DUPLICATE);
      assertThat(restarted.evictFailing()).containsExactly(txs.get(2).hash());
    }
  }

  @Test
  void clearingEmptiesThePool() {
    poolInOrder(pool, List.of(tx(1), tx(2)));
    assertThat(pool.clear()).isEqualTo(2);
    assertThat(pool.size()).isZero();
    assertThat(pool.totalBytes()).isZero();
    assertThat(pool.transactions()).isEmpty();
    assertThat(pool.submitAndWait(tx(1).bytes()).accepted()).as("cleared, not committed").isTrue();
  }

  @Test
  void inactiveInstanceConstantIsRejectedAtTheDoor() {
    assertThat(pool.submitAndWait(tx(INACTIVE_INSTANCE, 1).bytes()).accepted()).isFalse();
  }
}
