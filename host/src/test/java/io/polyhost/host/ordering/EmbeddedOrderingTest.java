package io.polyhost.host.ordering;

import static io.polyhost.host.pool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.pool.CommittedHashes;
import io.polyhost.host.pool.PoolConfig;
import io.polyhost.host.pool.TestTransactions;
import io.polyhost.host.pool.TransactionPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedOrderingTest {
  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LONG = Duration.ofHours(1);
  private static final Duration AWAIT = Duration.ofSeconds(20);

  private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();
  private final RecordingProducer producer = new RecordingProducer();
  private final TransactionPool pool =
      TransactionPool.create(
          PoolConfig.defaults(),
          CommittedHashes.each(producer.committed::contains),
          TestTransactions.check(stopped));
  private final SettableClock clock = new SettableClock(GENESIS.plusSeconds(10));
  private final List<OrderingEngine> engines = new ArrayList<>();

  private EmbeddedOrdering engine(EmbeddedOrderingConfig config) {
    EmbeddedOrdering engine = EmbeddedOrdering.create(pool, producer, config, clock, GENESIS);
    engines.add(engine);
    return engine;
  }

  private static EmbeddedOrderingConfig config(
      int maxTxs, Duration minDelay, Duration interval, boolean empty) {
    return new EmbeddedOrderingConfig(maxTxs, minDelay, interval, empty);
  }

  @AfterEach
  void stopAll() {
    engines.forEach(OrderingEngine::stop);
    pool.close();
  }

  private List<SignedTransaction> submit(int from, int count) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      txs.add(tx(i));
    }
    List<byte[]> bytes = txs.stream().map(SignedTransaction::bytes).toList();
    assertThat(pool.submitAll(bytes).toCompletableFuture().join()).allMatch(a -> a.accepted());
    return txs;
  }

  @Test
  void fullBlocksAreCutAtOnceAndHoldAtMostTheLimit() {
    submit(0, 25);
    List<SignedTransaction> txs = pool.transactions(); // arrival order, as verified in parallel
    engine(config(10, LONG, LONG, false)).start();
    await().atMost(AWAIT).until(() -> producer.blocks.size() == 2);
    assertThat(producer.blocks.get(0).txs()).containsExactlyElementsOf(txs.subList(0, 10));
    assertThat(producer.blocks.get(1).txs()).containsExactlyElementsOf(txs.subList(10, 20));
    await().atMost(AWAIT).until(() -> pool.size() == 5);
    assertThat(producer.blocks).hasSize(2);
  }

  @Test
  void waitingTransactionsAreCutAfterTheDelay() {
    engine(config(10, Duration.ofMillis(20), LONG, false)).start();
    List<SignedTransaction> txs = submit(0, 3);
    await().atMost(AWAIT).until(() -> producer.transactionCount() == 3);
    assertThat(producer.blocks.stream().flatMap(b -> b.txs().stream()))
        .containsExactlyElementsOf(txs);
    assertThat(producer.blocks).allMatch(b -> !b.txs().isEmpty());
    await().atMost(AWAIT).until(() -> pool.size() == 0);
    List<SignedTransaction> more = submit(10, 2);
    await().atMost(AWAIT).until(() -> producer.transactionCount() == 5);
    assertThat(producer.blocks.getLast().txs()).isSubsetOf(more);
  }

  @Test
  void belowTheThresholdABlockGathersTransactionsUntilArrivalsPause() throws InterruptedException {
    Duration pause = Duration.ofSeconds(1);
    engine(new EmbeddedOrderingConfig(10, pause, LONG, 5, false)).start();
    Thread.sleep(pause.toMillis() + 100); // the delay since the start has passed
    List<SignedTransaction> txs = new ArrayList<>(submit(0, 3));
    Thread.sleep(200); // without the threshold, these three would be a block by now
    txs.addAll(submit(10, 2));
    await().atMost(AWAIT).until(() -> producer.transactionCount() == 5);
    assertThat(producer.blocks).hasSize(1);
    assertThat(producer.blocks.getFirst().txs()).containsExactlyInAnyOrderElementsOf(txs);
  }

  @Test
  void aboveTheThresholdABlockIsCutWithoutWaitingForAPause() {
    engine(new EmbeddedOrderingConfig(100, Duration.ZERO, LONG, 2, false)).start();
    submit(0, 3);
    await().atMost(AWAIT).until(() -> producer.transactionCount() == 3);
  }

  @Test
  void emptyBlocksAreCutOnTheIntervalWhenOn() {
    engine(config(10, Duration.ZERO, Duration.ofMillis(10), true)).start();
    await().atMost(AWAIT).until(() -> producer.blocks.size() >= 3);
    assertThat(producer.blocks).allMatch(b -> b.txs().isEmpty());
    assertThat(producer.blocks).allMatch(b -> b.thread().equals("embedded-ordering"));
  }

  @Test
  void withoutEmptyBlocksTheChainWaitsForTransactions() throws InterruptedException {
    engine(config(10, Duration.ZERO, Duration.ofMillis(10), false)).start();
    Thread.sleep(200); // twenty intervals in which an empty block would have been cut
    assertThat(producer.blocks).isEmpty();
    SignedTransaction tx = submit(0, 1).getFirst();
    await().atMost(AWAIT).until(() -> producer.blocks.size() == 1);
    assertThat(producer.blocks.getFirst().txs()).containsExactly(tx);
  }

  @Test
  void blockTimesIncreaseEvenWhenTheClockGoesBack() {
    // Every block sets the clock back a second; the first block follows the clock.
    producer.beforeEachBlock(height -> clock.set(clock.instant().minusSeconds(1)));
    Instant first = clock.instant();
    engine(config(10, Duration.ZERO, Duration.ofMillis(1), true)).start();
    await().atMost(AWAIT).until(() -> producer.blocks.size() >= 5);
    List<Instant> times = producer.blocks.stream().map(RecordingProducer.Block::time).toList();
    assertThat(times.getFirst()).isEqualTo(first);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).isEqualTo(times.get(i - 1).plus(BlockTimes.STEP));
    }
  }

  @Test
  void proposalsSkipFailingTransactionsWhichAreThenEvicted() {
    SignedTransaction failing = tx(2, 1);
    assertThat(pool.submitAndWait(failing.bytes()).accepted()).isTrue();
    stopped.add(2);
    List<SignedTransaction> good = submit(0, 2);
    engine(config(10, Duration.ZERO, LONG, false)).start();
    await().atMost(AWAIT).until(() -> producer.transactionCount() == 2);
    assertThat(producer.blocks.getFirst().txs()).containsExactlyInAnyOrderElementsOf(good);
    await().atMost(AWAIT).until(() -> pool.size() == 0);
    assertThat(producer.blocks.stream().flatMap(b -> b.txs().stream())).doesNotContain(failing);
  }

  @Test
  void aFailingProducerStopsTheEngineAndReportsTheError() {
    IllegalStateException boom = new IllegalStateException("disk full");
    producer.beforeEachBlock(height -> {
      if (height == 2) {
        throw boom;
      }
    });
    EmbeddedOrdering engine = engine(config(10, Duration.ZERO, Duration.ofMillis(1), true));
    engine.start();
    var termination = engine.termination().toCompletableFuture();
    await().atMost(AWAIT).until(termination::isDone);
    assertThatThrownBy(termination::join).isInstanceOf(CompletionException.class).hasCause(boom);
    assertThat(producer.blocks).hasSize(2);
    engine.stop(); // still fine after a failure
    assertThatThrownBy(engine::start).hasMessageContaining("FAILED");
  }

  @Test
  void stopJoinsTheEngineThread() {
    EmbeddedOrdering engine = engine(config(10, Duration.ZERO, Duration.ofMillis(1), true));
    engine.start();
    await().atMost(AWAIT).until(() -> producer.blocks.size() >= 2);
    engine.stop();
    assertThat(engine.termination().toCompletableFuture()).isCompleted();
    int blocks = producer.blocks.size();
    submit(0, 3);
    assertThat(producer.blocks).hasSize(blocks);
    engine.stop(); // idempotent
    assertThatThrownBy(engine::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED");
  }

  @Test
  void anEngineStoppedBeforeStartingTerminatesAtOnce() {
    EmbeddedOrdering engine = engine(EmbeddedOrderingConfig.defaults());
    engine.stop();
    assertThat(engine.termination().toCompletableFuture()).isCompleted();
    assertThat(producer.blocks).isEmpty();
  }

  @Test
  void aConfigRejectsAnIntervalShorterThanTheDelay() {
    assertThatThrownBy(() -> config(10, Duration.ofSeconds(2), Duration.ofSeconds(1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-propose-interval");
    assertThatThrownBy(() -> EmbeddedOrderingConfig.defaults().withMaxTxsPerBlock(0))
        .hasMessageContaining("txs_block_limit");
  }
}
