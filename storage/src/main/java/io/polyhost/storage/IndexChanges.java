package io.polyhost.storage;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Changes to one index made on top of a snapshot: written values, removals (the {@link #DELETED}
 * marker) and whether everything underneath was cleared first.
 */
final class IndexChanges {
  /** Marks a removed key; compared by identity. */
  static final byte[] DELETED = new byte[0];

  final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  boolean cleared;

  boolean isEmpty() {
    return !cleared && entries.isEmpty();
  }
}
