package io.polyhost.testkit;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.Broadcaster;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The kit's transaction pool: what the test submitted and what the node's services broadcast
 * (deploy and migration reports, after-commit transactions), in arrival order without repeats.
 * Broadcasts arrive from the runtimes' threads, hence the locking.
 */
final class KitPool {
  private final List<SignedTransaction> pending = new ArrayList<>();

  synchronized void add(SignedTransaction tx) {
    if (pending.stream().noneMatch(t -> t.hash().equals(tx.hash()))) {
      pending.add(tx);
    }
  }

  synchronized List<SignedTransaction> snapshot() {
    return List.copyOf(pending);
  }

  synchronized List<SignedTransaction> drain() {
    List<SignedTransaction> all = List.copyOf(pending);
    pending.clear();
    return all;
  }

  synchronized void remove(List<SignedTransaction> committed) {
    pending.removeIf(p -> committed.stream().anyMatch(c -> c.hash().equals(p.hash())));
  }

  synchronized void clear() {
    pending.clear();
  }

  synchronized boolean contains(Predicate<SignedTransaction> test) {
    return pending.stream().anyMatch(test);
  }

  /** A broadcaster that signs with {@code keys} and pools, refusing what is committed already. */
  Broadcaster broadcaster(KeyPair keys, Predicate<Hash> committed) {
    return new Broadcaster() {
      @Override
      public PublicKey serviceKey() {
        return keys.publicKey();
      }

      @Override
      public Hash broadcast(int instanceId, int methodId, byte[] arguments) {
        SignedTransaction tx = Transactions.sign(keys, instanceId, methodId, arguments);
        if (committed.test(tx.hash())) {
          throw new IllegalStateException("Transaction " + tx.hash() + " is committed already");
        }
        add(tx);
        return tx.hash();
      }
    };
  }
}
