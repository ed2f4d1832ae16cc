package io.polyhost.host.dispatcher;

/**
 * What the dispatcher must do when a block commits, taken from the block's fork by {@link
 * Dispatcher#prepareCommit} and carried out by {@link Dispatcher#applyCommit}.
 */
public final class CommitPlan {
  private final BlockChanges changes;

  CommitPlan(BlockChanges changes) {
    this.changes = changes;
  }

  BlockChanges changes() {
    return changes;
  }
}
