package io.polyhost.host.ordering;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A block producer that records blocks and marks their transactions committed. */
final class RecordingProducer implements BlockProducer {
  record Block(List<SignedTransaction> txs, Instant time, String thread) {}

  final List<Block> blocks = new CopyOnWriteArrayList<>();
  final Set<Hash> committed = ConcurrentHashMap.newKeySet();
  private volatile Consumer<Integer> beforeBlock = height -> {};

  /** Runs {@code action} with the height of every block before recording it; it may throw. */
  void beforeEachBlock(Consumer<Integer> action) {
    this.beforeBlock = action;
  }

  @Override
  public void produceBlock(List<SignedTransaction> transactions, Instant blockTime) {
    beforeBlock.accept(blocks.size());
    transactions.forEach(tx -> committed.add(tx.hash()));
    blocks.add(new Block(List.copyOf(transactions), blockTime, Thread.currentThread().getName()));
  }

  int transactionCount() {
    return blocks.stream().mapToInt(b -> b.txs().size()).sum();
  }
}
