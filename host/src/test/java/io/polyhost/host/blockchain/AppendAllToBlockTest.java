package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CoreSchema#appendAllToBlock}: the block executor's per-block bookkeeping. */
class AppendAllToBlockTest {
  @TempDir Path dir;
  private RocksDbDatabase db;
  private TestChain chain;

  @BeforeEach
  void open() {
    db = RocksDbDatabase.open(dir);
    chain = new TestChain(db, 1);
    chain.genesis();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void writesWhatAppendingOneByOneWrites() {
    List<SignedTransaction> txs = IntStream.range(0, 37).mapToObj(TestChain::tx).toList();
    Hash oneByOne;
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      for (SignedTransaction tx : txs) {
        s.saveTransaction(tx);
        s.appendToBlock(1, tx.hash());
      }
      oneByOne = s.txHash(1);
    }
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      s.appendAllToBlock(1, txs);
      assertThat(s.txHash(1)).isEqualTo(oneByOne);
      assertThat(s.blockTransactions(1)).containsExactlyElementsOf(hashes(txs));
      for (int i = 0; i < txs.size(); i++) {
        assertThat(s.location(txs.get(i).hash())).contains(new TxLocation(1, i));
        assertThat(s.transaction(txs.get(i).hash())).contains(txs.get(i));
      }
    }
  }

  @Test
  void takesCommittedTransactionsOutOfThePool() {
    SignedTransaction pooled = TestChain.tx(1);
    SignedTransaction other = TestChain.tx(2);
    SignedTransaction fresh = TestChain.tx(3);
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      s.pool().add(pooled);
      s.pool().add(other);
      s.appendAllToBlock(1, List.of(fresh, pooled));
      assertThat(s.pool().hashes()).containsExactly(other.hash());
      assertThat(s.pool().size()).isEqualTo(1);
    }
  }

  @Test
  void aCommittedTransactionKeepsItsBytesAndLocationWhenSavedOrPooledAgain() {
    SignedTransaction pooled = TestChain.tx(1);
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      s.pool().add(pooled);
      assertThat(s.location(pooled.hash())).as("pooled, not committed").isEmpty();
      s.appendAllToBlock(1, List.of(TestChain.tx(2), pooled));
      s.saveTransaction(pooled);
      assertThat(s.pool().add(pooled)).isFalse();
      assertThat(s.location(pooled.hash())).contains(new TxLocation(1, 1));
      assertThat(s.transaction(pooled.hash())).contains(pooled);
      assertThat(s.committedAmong(List.of(pooled.hash()))).containsExactly(pooled.hash());
    }
  }

  @Test
  void refusesARepeatedOrCommittedTransactionOrAWrongHeight() {
    SignedTransaction committed = TestChain.tx(1);
    chain.commit(List.of(committed), Map.of());
    SignedTransaction fresh = TestChain.tx(2);
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      assertThatThrownBy(() -> s.appendAllToBlock(2, List.of(fresh, fresh)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("appears twice in block 2");
      assertThatThrownBy(() -> s.appendAllToBlock(2, List.of(fresh, committed)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is already committed at TxLocation[blockHeight=1, position=0]");
      assertThatThrownBy(() -> s.appendAllToBlock(3, List.of(fresh)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Height 3 is not the block being built, 2");
      assertThat(s.blockTransactions(2)).as("nothing written by a refused call").isEmpty();
      assertThat(s.transaction(fresh.hash())).isEmpty();
    }
  }

  @Test
  void findsTheCommittedAmongManyInTheDatabaseAndTheFork() {
    SignedTransaction committed = TestChain.tx(1);
    SignedTransaction alsoCommitted = TestChain.tx(2);
    chain.commit(List.of(committed, alsoCommitted), Map.of());
    SignedTransaction inFork = TestChain.tx(3);
    SignedTransaction pooledOnly = TestChain.tx(4);
    SignedTransaction unknown = TestChain.tx(5);
    List<Hash> asked = hashes(List.of(unknown, committed, inFork, pooledOnly, alsoCommitted));
    try (Fork fork = db.fork()) {
      CoreSchema s = CoreSchema.over(fork);
      s.pool().add(pooledOnly);
      assertThat(s.committedAmong(asked))
          .containsExactlyInAnyOrder(committed.hash(), alsoCommitted.hash());
      s.appendAllToBlock(2, List.of(inFork));
      assertThat(s.committedAmong(asked))
          .as("a location written in the fork counts")
          .containsExactlyInAnyOrder(committed.hash(), alsoCommitted.hash(), inFork.hash());
    }
    Set<Hash> fromSnapshot = chain.read(s -> s.committedAmong(asked));
    assertThat(fromSnapshot)
        .as("from a snapshot, the fork's block is not there")
        .containsExactlyInAnyOrder(committed.hash(), alsoCommitted.hash());
  }

  private static List<Hash> hashes(List<SignedTransaction> txs) {
    return txs.stream().map(SignedTransaction::hash).toList();
  }
}
