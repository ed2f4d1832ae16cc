package io.polyhost.host.pool;

import io.polyhost.host.pool.Admission.Rejected;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcomes of one {@link TransactionPool#submitAll} call, filled in by several verifier tasks;
 * completes when the last task has reported.
 */
final class Submission {
  private final Admission[] outcomes;
  private final AtomicInteger pendingTasks = new AtomicInteger(1); // 1 for the submitter itself
  private final CompletableFuture<List<Admission>> result = new CompletableFuture<>();

  Submission(int size) {
    this.outcomes = new Admission[size];
  }

  CompletableFuture<List<Admission>> result() {
    return result;
  }

  /** Records the outcome of message {@code index}; before the task reports {@link #taskDone}. */
  void set(int index, Admission outcome) {
    outcomes[index] = outcome;
  }

  /** Announces one more task that will call {@link #taskDone}. */
  void taskStarted() {
    pendingTasks.incrementAndGet();
  }

  /** Reports a task (or the submitter) finished; the atomic decrement publishes its outcomes. */
  void taskDone() {
    if (pendingTasks.decrementAndGet() == 0 && !result.isDone()) {
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] == null) {
          throw new IllegalStateException("Message " + i + " of the submission has no outcome");
        }
      }
      result.complete(Arrays.asList(outcomes));
    }
  }

  /** Fails the whole submission: a check threw, which is a bug in the checker, not in the input. */
  void fail(Throwable error) {
    result.completeExceptionally(error);
  }

  static Rejected closed() {
    return Rejected.of(
        RejectionReason.CLOSED, "The node is shutting down; submit the transaction again later");
  }
}
