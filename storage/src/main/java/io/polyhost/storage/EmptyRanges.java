package io.polyhost.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a fork has learned about its snapshot from scans: per index, a key from which the snapshot
 * holds nothing at all.
 *
 * <p>A merge uses it to drop deletes of keys the database cannot hold, without asking RocksDB key
 * by key: a key written and removed again within one fork, in a region a scan found empty in the
 * snapshot. (It was made for proof maps' pending marks, which forks now keep in memory as notes
 * instead; see {@link RawIndex#notes}.) A snapshot never changes, so what was seen stays true for
 * the fork's whole life, whatever it rolls back; it describes the database only as long as nothing
 * was merged since the snapshot was taken, which {@link RocksDbDatabase#merge} checks.
 */
final class EmptyRanges {
  private final Map<Long, byte[]> emptyFrom = new HashMap<>();

  /** Records that the snapshot holds no key of index {@code id} at or after {@code from}. */
  synchronized void emptyFrom(long id, byte[] from) {
    emptyFrom.merge(id, from, (a, b) -> Arrays.compareUnsigned(a, b) <= 0 ? a : b);
  }

  /**
   * The key from which the snapshot is known to hold nothing of index {@code id}, or {@code null}:
   * for a merge that checks many keys of one index.
   */
  synchronized byte @Nullable [] emptyFrom(long id) {
    return emptyFrom.get(id);
  }
}
