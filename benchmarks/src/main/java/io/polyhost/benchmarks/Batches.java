package io.polyhost.benchmarks;

import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.storage.Database;
import io.polyhost.storage.Fork;
import io.polyhost.storage.Patch;
import io.polyhost.storage.index.IndexViews;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Writes to a database the way a node does: one fork per batch, turned into a patch and merged. */
final class Batches {
  private Batches() {}

  /**
   * Batch size for filling and trimming. Large batches hash each trie branch once per batch rather
   * than once per small batch, which keeps the set-up of the million-key cases short.
   */
  static final int BULK = 250_000;

  /** Runs {@code writes} in a fresh fork and merges it; {@code intoPatch} hashes Merkle indexes. */
  static void commit(Database db, Consumer<IndexAccess> writes) {
    try (Fork fork = db.fork()) {
      writes.accept(IndexViews.over(fork));
      try (Patch patch = fork.intoPatch()) {
        db.merge(patch);
      }
    }
  }

  /**
   * Fills the map opened by {@code open} with {@code count} random entries, in bulk batches.
   *
   * @return the keys written, in the order written
   */
  static List<byte[]> fill(
      Database db,
      Function<IndexAccess, ? extends MapIndex<byte[], byte[]>> open,
      RandomEntries random,
      int count) {
    long start = System.nanoTime();
    List<byte[]> keys = random.keys(count);
    for (int from = 0; from < count; from += BULK) {
      List<byte[]> batch = keys.subList(from, Math.min(count, from + BULK));
      commit(
          db,
          access -> {
            MapIndex<byte[], byte[]> map = open.apply(access);
            for (byte[] key : batch) {
              map.put(key, random.value());
            }
          });
    }
    // Shown in JMH's output: the set-up cost decides how long a whole run takes.
    System.out.printf("filled %,d keys in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    return keys;
  }

  /** Removes {@code keys} from the map opened by {@code open}, in bulk batches. */
  static void removeAll(
      Database db,
      Function<IndexAccess, ? extends MapIndex<byte[], byte[]>> open,
      List<byte[]> keys) {
    for (int from = 0; from < keys.size(); from += BULK) {
      List<byte[]> batch = keys.subList(from, Math.min(keys.size(), from + BULK));
      commit(
          db,
          access -> {
            MapIndex<byte[], byte[]> map = open.apply(access);
            for (byte[] key : batch) {
              map.remove(key);
            }
          });
    }
  }
}
