package io.polyhost.storage;

import io.polyhost.api.storage.StorageException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A checkpoint written by a thread of its own while merges go on: the newest version of every entry
 * of an overlay that no longer changes, and the deletion of the log entries it makes obsolete, in
 * one atomic RocksDB batch.
 *
 * <p>It writes nothing that changes what a reader sees: until the database drops the written layers
 * from its overlay (see {@link RocksDbDatabase}), those layers hide the same values in RocksDB, and
 * later merges write other keys (new leaves, new log entries) and put their pages in newer layers.
 * A crash before the batch is written leaves the previous checkpoint and the whole log, one after
 * it leaves this checkpoint and the rest of the log; either way opening replays the log entries the
 * pages on disk do not yet reflect.
 */
final class BackgroundCheckpoint {
  private final DerivedOverlay written;
  private final int logEntries;
  private final FutureTask<Void> task;

  private BackgroundCheckpoint(DerivedOverlay written, int logEntries, FutureTask<Void> task) {
    this.written = written;
    this.logEntries = logEntries;
    this.task = task;
  }

  /**
   * Starts writing out {@code overlay} and deleting {@code logKeys} (the log entries of the merges
   * whose layers it holds, which the caller must not change).
   */
  static BackgroundCheckpoint start(
      RocksDB rocks, WriteOptions options, DerivedOverlay overlay, List<byte[]> logKeys) {
    FutureTask<Void> task =
        new FutureTask<>(() -> {
          BatchEncoder batch = new BatchEncoder();
          overlay.forEachLatest(batch::write);
          for (byte[] key : logKeys) {
            batch.delete(DerivationLog.LOG_ID, key);
          }
          try (WriteBatch w = new WriteBatch(batch.toBytes())) {
            rocks.write(options, w);
          }
          return null;
        });
    Thread.ofPlatform().daemon().name("polyhost-checkpoint").start(task);
    return new BackgroundCheckpoint(overlay, logKeys.size(), task);
  }

  /** The overlay written out: the oldest layers of the database's overlay. */
  DerivedOverlay written() {
    return written;
  }

  /** How many of the oldest log entries the checkpoint deletes. */
  int logEntries() {
    return logEntries;
  }

  boolean isDone() {
    return task.isDone();
  }

  /**
   * Waits until the batch is written.
   *
   * @throws StorageException if it could not be written (nothing is lost: the overlay and the log
   *     still hold everything it would have written)
   */
  void await() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          task.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the write cannot be abandoned half way; finish waiting
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          String what = cause instanceof RocksDBException r ? r.getMessage() : cause.toString();
          throw new StorageException("Writing a checkpoint failed: " + what, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
