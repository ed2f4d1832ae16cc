package io.polyhost.host.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A run of messages of one submission, admitted one after another on a verifier thread. */
final class VerifierTask implements Runnable {
  private final Submission submission;
  private final List<byte[]> messages;
  private final int[] indices;
  private final Admitter admitter;
  private final AtomicInteger awaiting;
  private final Runnable onAccepted;

  VerifierTask(
      Submission submission,
      List<byte[]> messages,
      int[] indices,
      Admitter admitter,
      AtomicInteger awaiting,
      Runnable onAccepted) {
    this.submission = submission;
    this.messages = messages;
    this.indices = indices;
    this.admitter = admitter;
    this.awaiting = awaiting;
    this.onAccepted = onAccepted;
  }

  @Override
  public void run() {
    boolean anyAccepted = false;
    try {
      List<byte[]> mine = new ArrayList<>(indices.length);
      for (int index : indices) {
        mine.add(messages.get(index));
      }
      List<Admission> outcomes = admitter.admitAll(mine);
      for (int i = 0; i < indices.length; i++) {
        submission.set(indices[i], outcomes.get(i));
        anyAccepted |= outcomes.get(i).accepted();
      }
    } catch (RuntimeException e) {
      // The submitter sees it through the failed future; the worker thread survives.
      submission.fail(e);
    } catch (Error e) {
      submission.fail(e);
      throw e;
    } finally {
      awaiting.addAndGet(-indices.length);
      if (anyAccepted) {
        onAccepted.run();
      }
      submission.taskDone();
    }
  }

  /** Refuses every message of the task because the pool closed before it ran. */
  void abandon() {
    for (int index : indices) {
      submission.set(index, Submission.closed());
    }
    awaiting.addAndGet(-indices.length);
    submission.taskDone();
  }
}
