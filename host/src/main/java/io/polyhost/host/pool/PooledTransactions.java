package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The pooled transactions in arrival order, with their count and bytes.
 *
 * <p>Reads are lock-free and iteration is weakly consistent, so building a proposal never blocks
 * admission; changes take a lock so that the duplicate and capacity checks and the insertion are
 * one step.
 */
final class PooledTransactions {
  /** What {@link #add} did. */
  enum Added {
    ADDED,
    DUPLICATE,
    TOO_MANY,
    TOO_MANY_BYTES,
    /**
     * Committed transactions were removed since the caller's committed check: the transaction may
     * have been among them, so check again (see {@link #commits()}).
     */
    COMMITTED_SINCE
  }

  private final ConcurrentSkipListMap<Long, SignedTransaction> byArrival =
      new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<Hash, Long> arrivalByHash = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private long nextArrival; // guarded by lock
  private volatile long bytes; // written under lock
  private volatile long commits; // written under lock

  /**
   * How many times committed transactions were removed. Read it before asking whether a transaction
   * is committed and pass it to {@link #add}: a block committed in between would otherwise let a
   * copy of one of its transactions, checked before the block and added after its removal, into the
   * pool again.
   */
  long commits() {
    return commits;
  }

  /**
   * Adds {@code tx} unless it is pooled already, committed transactions were removed since {@code
   * seenCommits} (a {@link #commits()} reading), or the pool would exceed a limit.
   */
  Added add(SignedTransaction tx, int maxCount, long maxBytes, long seenCommits) {
    synchronized (lock) {
      if (arrivalByHash.containsKey(tx.hash())) {
        return Added.DUPLICATE;
      }
      if (commits != seenCommits) {
        return Added.COMMITTED_SINCE;
      }
      if (arrivalByHash.size() >= maxCount) {
        return Added.TOO_MANY;
      }
      if (bytes + tx.size() > maxBytes) {
        return Added.TOO_MANY_BYTES;
      }
      long arrival = nextArrival++;
      byArrival.put(arrival, tx);
      arrivalByHash.put(tx.hash(), arrival);
      bytes += tx.size();
      return Added.ADDED;
    }
  }

  boolean contains(Hash hash) {
    return arrivalByHash.containsKey(hash);
  }

  Optional<SignedTransaction> get(Hash hash) {
    Long arrival = arrivalByHash.get(hash);
    return arrival == null ? Optional.empty() : Optional.ofNullable(byArrival.get(arrival));
  }

  /** The transactions, oldest first; a live, weakly consistent view. */
  Collection<SignedTransaction> inArrivalOrder() {
    return byArrival.values();
  }

  /** Removes the transaction with {@code hash}; whether it was pooled. */
  boolean remove(Hash hash) {
    synchronized (lock) {
      return removeLocked(hash);
    }
  }

  /** Removes the transactions of a committed block, in one step, and counts a commit. */
  void removeCommitted(Collection<Hash> hashes) {
    synchronized (lock) {
      for (Hash hash : hashes) {
        removeLocked(hash);
      }
      commits++;
    }
  }

  private boolean removeLocked(Hash hash) {
    Long arrival = arrivalByHash.remove(hash);
    if (arrival == null) {
      return false;
    }
    SignedTransaction tx = byArrival.remove(arrival);
    if (tx != null) {
      bytes -= tx.size();
    }
    return true;
  }

  int clear() {
    synchronized (lock) {
      int count = arrivalByHash.size();
      arrivalByHash.clear();
      byArrival.clear();
      bytes = 0;
      return count;
    }
  }

  int size() {
    return arrivalByHash.size();
  }

  long bytes() {
    return bytes;
  }
}
