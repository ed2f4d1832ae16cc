package io.polyhost.storage;

/**
 * The Merkle database: snapshots to read, forks to write, and atomic merges of patches.
 *
 * <p>Typical use: {@code try (Fork fork = db.fork()) { ...write...; db.merge(fork.intoPatch()); }}.
 * A merge applies the whole patch or nothing, also across a crash of the process.
 */
public interface Database extends AutoCloseable {
  /** A consistent read-only view of the current state. */
  Snapshot snapshot();

  /** A writable view over the current state; nothing reaches the database until merged. */
  Fork fork();

  /**
   * Applies every change of {@code patch} atomically.
   *
   * @throws IllegalArgumentException if the patch comes from another database
   */
  void merge(Patch patch);

  /** Releases the database; snapshots, forks and patches made from it become unusable. */
  @Override
  void close();
}
