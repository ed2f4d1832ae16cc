package io.polyhost.storage;

import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Reads the key spaces of indexes by numeric id: a database snapshot, or changes layered on one.
 */
interface KvReader {
  /** The value at {@code key} in index {@code id}, or {@code null}. Callers must not modify it. */
  byte @Nullable [] get(long id, byte[] key);

  /** Entries of index {@code id} with keys not less than {@code from}, in key order. */
  Iterator<RawEntry> scan(long id, byte[] from);

  /** The page cache of the database underneath. */
  ContentCache pageCache();
}
