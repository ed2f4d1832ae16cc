package io.polyhost.host.pool;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transaction pool: admission on verifier threads, proposals and eviction on the caller's. */
final class VerifyingPool implements TransactionPool {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyingPool.class);

  /**
   * The fewest messages one verifier task admits (unless the submission has fewer). Each task pays
   * for a queue hand-off, one committed check (a database snapshot and a batched read) and a
   * wake-up of the ordering engine, so tasks are made large.
   */
  private static final int MIN_TASK_MESSAGES = 8;

  /** The most messages one verifier task admits, so that a huge batch still spreads. */
  private static final int MAX_TASK_MESSAGES = 64;

  private final PoolConfig config;
  private final TxCheck check;
  private final PooledTransactions pooled = new PooledTransactions();
  private final Admitter admitter;
  private final AtomicInteger awaiting = new AtomicInteger();
  private final ExecutorService verifiers;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  VerifyingPool(PoolConfig config, CommittedHashes committed, TxCheck check) {
    this.config = config;
    this.check = check;
    this.admitter = new Admitter(config, pooled, committed, check);
    this.verifiers = VerifierThreads.start(config.verifierThreads());
  }

  @Override
  public CompletionStage<Admission> submit(byte[] message) {
    return submitAll(List.of(message)).thenApply(outcomes -> outcomes.get(0));
  }

  @Override
  public CompletionStage<List<Admission>> submitAll(List<byte[]> messages) {
    List<byte[]> copy = List.copyOf(messages);
    Submission submission = new Submission(copy.size());
    int[] accepted = new int[copy.size()];
    int count = 0;
    for (int i = 0; i < copy.size(); i++) {
      int size = copy.get(i).length;
      if (size > config.maxMessageBytes()) {
        submission.set(i, admitter.tooLarge(size));
      } else if (awaiting.incrementAndGet() > config.maxTransactions()) {
        awaiting.decrementAndGet();
        submission.set(i, Admission.Rejected.of(RejectionReason.POOL_FULL, tooManyAwaiting()));
      } else {
        accepted[count++] = i;
      }
    }
    int perTask = taskSize(count);
    for (int from = 0; from < count; from += perTask) {
      int[] indices = Arrays.copyOfRange(accepted, from, Math.min(count, from + perTask));
      VerifierTask task =
          new VerifierTask(submission, copy, indices, admitter, awaiting, this::notifyArrival);
      submission.taskStarted();
      try {
        verifiers.execute(task);
      } catch (RejectedExecutionException e) {
        task.abandon();
      }
    }
    submission.taskDone();
    return submission.result();
  }

  /**
   * How many of a submission's {@code count} messages one task takes: about two tasks per verifier
   * thread, so a batch keeps every thread busy to its end (the second half of the tasks fills the
   * gaps of the first) without paying the per-task costs more often than that.
   */
  private int taskSize(int count) {
    int spread = 2 * config.verifierThreads();
    int even = (count + spread - 1) / spread;
    return Math.clamp(even, MIN_TASK_MESSAGES, MAX_TASK_MESSAGES);
  }

  private String tooManyAwaiting() {
    return config.maxTransactions()
        + " transactions are already awaiting verification; retry later";
  }

  @Override
  public List<SignedTransaction> propose(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("A proposal holds 0 or more transactions, got " + max);
    }
    List<SignedTransaction> proposal = new ArrayList<>(Math.min(max, pooled.size()));
    for (SignedTransaction tx : pooled.inArrivalOrder()) {
      if (proposal.size() >= max) {
        break;
      }
      if (check.check(tx).isEmpty()) {
        proposal.add(tx);
      }
    }
    return proposal;
  }

  @Override
  public void removeCommitted(Collection<Hash> hashes) {
    pooled.removeCommitted(hashes);
  }

  @Override
  public List<Hash> evictFailing() {
    List<Hash> evicted = new ArrayList<>();
    for (SignedTransaction tx : pooled.inArrivalOrder()) {
      if (evicted.size() >= config.removalLimit()) {
        break;
      }
      if (check.check(tx).isPresent() && pooled.remove(tx.hash())) {
        evicted.add(tx.hash());
      }
    }
    return evicted;
  }

  @Override
  public Optional<SignedTransaction> get(Hash hash) {
    return pooled.get(hash);
  }

  @Override
  public int size() {
    return pooled.size();
  }

  @Override
  public long totalBytes() {
    return pooled.bytes();
  }

  @Override
  public List<SignedTransaction> transactions() {
    return List.copyOf(pooled.inArrivalOrder());
  }

  @Override
  public List<Admission> restore(List<SignedTransaction> saved) {
    List<Admission> outcomes = new ArrayList<>(saved.size());
    for (SignedTransaction tx : saved) {
      outcomes.add(admitter.restore(tx));
    }
    if (outcomes.stream().anyMatch(Admission::accepted)) {
      notifyArrival();
    }
    return outcomes;
  }

  @Override
  public int clear() {
    return pooled.clear();
  }

  @Override
  public void onArrival(Runnable listener) {
    listeners.add(listener);
  }

  private void notifyArrival() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.error("A pool arrival listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    for (Runnable left : verifiers.shutdownNow()) {
      ((VerifierTask) left).abandon();
    }
    try {
      if (!verifiers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Pool verifier threads still running 10 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
