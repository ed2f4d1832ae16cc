package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Transactions received but not yet in a block, in arrival order.
 *
 * <p>Admission checks, in this order: size limit, decoding, duplicates (pooled, being admitted or
 * already committed), the signature, {@code check_tx}, then capacity. Signatures are checked on the
 * pool's own verifier threads, never on the caller's thread nor on the block-execution thread, so
 * that the expensive part of admission runs in parallel and never delays a block. Every method is
 * thread-safe.
 */
public interface TransactionPool extends AutoCloseable {
  /**
   * Creates a pool and starts its verifier threads.
   *
   * @param config limits and threads
   * @param committed which of some transaction hashes are already in a block; called from the
   *     verifier threads. The blockchain must make a block's hashes visible here before {@link
   *     #removeCommitted} is called, so that a resubmission is never pooled again
   * @param check the {@code check_tx} pre-check; called concurrently from several threads
   */
  static TransactionPool create(PoolConfig config, CommittedHashes committed, TxCheck check) {
    return new VerifyingPool(config, committed, check);
  }

  /** Admits one serialized signed transaction; completes once all checks are done. */
  CompletionStage<Admission> submit(byte[] message);

  /**
   * Admits several serialized signed transactions, verified in parallel.
   *
   * @return one outcome per message, in the order given
   */
  CompletionStage<List<Admission>> submitAll(List<byte[]> messages);

  /** Admits one transaction and waits for the outcome; must not be called on a verifier thread. */
  default Admission submitAndWait(byte[] message) {
    return submit(message).toCompletableFuture().join();
  }

  /**
   * The transactions for the next block: up to {@code max} pooled transactions in arrival order
   * that pass {@code check_tx} now. Failing ones are skipped but stay pooled; their service may
   * become active again. Nothing is removed.
   *
   * @throws IllegalArgumentException if {@code max} is negative
   */
  List<SignedTransaction> propose(int max);

  /** Removes the transactions of a committed block; hashes not in the pool are ignored. */
  void removeCommitted(Collection<Hash> hashes);

  /**
   * Removes pooled transactions that fail {@code check_tx}, oldest first, at most {@link
   * PoolConfig#removalLimit()} of them; called after each block.
   *
   * @return the hashes removed
   */
  List<Hash> evictFailing();

  /** The pooled transaction with this hash. */
  Optional<SignedTransaction> get(Hash hash);

  /** The number of pooled transactions. */
  int size();

  /** The total size of the pooled transactions' serialized messages. */
  long totalBytes();

  /** Every pooled transaction in arrival order; for persisting the pool across restarts. */
  List<SignedTransaction> transactions();

  /**
   * Puts back transactions saved with {@link #transactions()}, in the order given. Their signatures
   * were checked when they first arrived and are not checked again, nor is {@code check_tx}
   * (failing ones are evicted after the next block); duplicates, committed transactions and those
   * beyond capacity are refused.
   *
   * @return one outcome per transaction, in the order given
   */
  List<Admission> restore(List<SignedTransaction> saved);

  /**
   * Removes every pooled transaction ({@code maintenance clear-pool}).
   *
   * @return how many were removed
   */
  int clear();

  /**
   * Calls {@code listener} after transactions have been pooled, e.g. to wake the ordering engine.
   * It runs on a verifier thread and must return quickly; what it throws is logged.
   */
  void onArrival(Runnable listener);

  /**
   * Stops the verifier threads; submissions still waiting complete as {@link
   * RejectionReason#CLOSED}, and later submissions are refused the same way.
   */
  @Override
  void close();
}
