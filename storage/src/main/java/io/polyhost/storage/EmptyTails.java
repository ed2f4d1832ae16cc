package io.polyhost.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the database knows to be empty in one of its states: per index, a key from which it holds
 * nothing at all. Immutable; {@link RocksDbDatabase} replaces it under its merge lock.
 *
 * <p>Every block scans a few indexes that are empty almost always (the dispatcher's pending
 * markers, a proof map's pending region), and each such scan opened a native iterator over every
 * memtable and table file. Knowing the tail is empty answers those scans without RocksDB. A scan
 * that finds nothing teaches it; a merge carries it to the next state, shortening a tail past the
 * largest key it wrote there, or starting one where it cleared an index.
 */
final class EmptyTails {
  static final EmptyTails NONE = new EmptyTails(-1, Map.of());

  private final long version;
  private final Map<Long, byte[]> emptyFrom;

  private EmptyTails(long version, Map<Long, byte[]> emptyFrom) {
    this.version = version;
    this.emptyFrom = emptyFrom;
  }

  /**
   * Whether the state after {@code version} merges holds no key of {@code id} at or after {@code
   * from}.
   */
  boolean covers(long version, long id, byte[] from) {
    if (version != this.version) {
      return false;
    }
    byte[] tail = emptyFrom.get(id);
    return tail != null && Arrays.compareUnsigned(from, tail) >= 0;
  }

  /**
   * This knowledge plus: the state after {@code version} merges holds nothing of {@code id} from
   * {@code from}.
   */
  EmptyTails learn(long version, long id, byte[] from) {
    Map<Long, byte[]> next = version == this.version ? new HashMap<>(emptyFrom) : new HashMap<>();
    next.merge(id, from, (a, b) -> Arrays.compareUnsigned(a, b) <= 0 ? a : b);
    return new EmptyTails(version, Map.copyOf(next));
  }

  /** Collects what one merge did to each index; then {@link #build} the next state's knowledge. */
  static final class Successor {
    private final Map<Long, byte[]> next;
    private final long version;

    /** Starts from {@code before} if it describes the state the merge applies to ({@code base}). */
    Successor(EmptyTails before, long base) {
      this.next = before.version == base ? new HashMap<>(before.emptyFrom) : new HashMap<>();
      this.version = base + 1;
    }

    /**
     * Records the merge's changes to index {@code id}: whether it cleared the index first, and the
     * largest key it wrote (not deleted) there, or {@code null}.
     */
    void index(long id, boolean cleared, byte @org.jspecify.annotations.Nullable [] lastPut) {
      byte[] tail = next.get(id);
      if (cleared) {
        // Only what the merge wrote is left.
        next.put(id, lastPut == null ? new byte[0] : Keys.successor(lastPut));
      } else if (tail != null && lastPut != null && Arrays.compareUnsigned(lastPut, tail) >= 0) {
        // The tail now holds exactly what the merge wrote into it, all up to lastPut.
        next.put(id, Keys.successor(lastPut));
      }
    }

    EmptyTails build() {
      return new EmptyTails(version, Map.copyOf(next));
    }
  }
}
