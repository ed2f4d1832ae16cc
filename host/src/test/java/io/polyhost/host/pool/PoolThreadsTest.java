package io.polyhost.host.pool;

import static io.polyhost.host.pool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PoolThreadsTest {
  @Test
  void signaturesAndChecksRunOnVerifierThreadsNotTheCaller() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    TxCheck recording =
        tx -> {
          threads.add(Thread.currentThread().getName());
          return Optional.empty();
        };
    try (TransactionPool pool =
        TransactionPool.create(
            PoolConfig.defaults(), CommittedHashes.each(h -> false), recording)) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        batch.add(tx(i).bytes());
      }
      pool.submitAll(batch).toCompletableFuture().join();
      pool.submitAndWait(tx(1000).bytes());
    }
    assertThat(threads)
        .isNotEmpty()
        .doesNotContain(Thread.currentThread().getName())
        .allMatch(name -> name.startsWith(VerifierThreads.NAME_PREFIX));
  }

  @Test
  void duplicatesRacingFromSeveralThreadsArePooledOnce() throws Exception {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println("seed=" + seed);
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      txs.add(tx(i));
    }
    int submitters = 4;
    Map<Hash, AtomicInteger> accepted = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();
    try (TransactionPool pool =
            TransactionPool.create(
                PoolConfig.defaults(), CommittedHashes.each(h -> false), TxCheck.PASS);
        ExecutorService callers = Executors.newFixedThreadPool(submitters)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        List<SignedTransaction> mine = new ArrayList<>(txs);
        Collections.shuffle(mine, new Random(seed + s));
        boolean batches = s % 2 == 0;
        done.add(
            callers.submit(() -> {
              go.await();
              List<Admission> outcomes = new ArrayList<>();
              if (batches) {
                outcomes.addAll(
                    pool.submitAll(mine.stream().map(SignedTransaction::bytes).toList())
                        .toCompletableFuture()
                        .join());
              } else {
                for (SignedTransaction tx : mine) {
                  outcomes.add(pool.submitAndWait(tx.bytes()));
                }
              }
              for (Admission outcome : outcomes) {
                switch (outcome) {
                  case Admission.Accepted a ->
                      accepted
                          .computeIfAbsent(a.hash(), h -> new AtomicInteger())
                          .incrementAndGet();
                  case Admission.Rejected r -> {
                    assertThat(r.reason()).as("seed=%d", seed).isEqualTo(RejectionReason.DUPLICATE);
                    duplicates.incrementAndGet();
                  }
                }
              }
              return null;
            }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      assertThat(pool.size()).as("seed=%d", seed).isEqualTo(txs.size());
    }
    assertThat(accepted).as("seed=%d", seed).hasSize(txs.size());
    assertThat(accepted.values()).as("seed=%d", seed).allMatch(n -> n.get() == 1);
    assertThat(duplicates.get()).as("seed=%d", seed).isEqualTo(txs.size() * (submitters - 1));
  }

  @Test
  void arrivalListenersHearAboutPooledTransactions() {
    AtomicInteger wakeUps = new AtomicInteger();
    try (TransactionPool pool =
        TransactionPool.create(
            PoolConfig.defaults(), CommittedHashes.each(h -> false), TxCheck.PASS)) {
      pool.onArrival(wakeUps::incrementAndGet);
      pool.onArrival(() -> {
        throw new IllegalStateException("a broken listener must not break admission");
      });
      pool.submitAndWait(new byte[] {1});
      assertThat(wakeUps.get()).isZero();
      assertThat(pool.submitAndWait(tx(1).bytes()).accepted()).isTrue();
      assertThat(wakeUps.get()).isEqualTo(1);
    }
  }
}
