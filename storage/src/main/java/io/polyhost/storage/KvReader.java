package io.polyhost.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the key spaces of indexes by numeric id: a database snapshot, or changes layered on one.
 */
interface KvReader {
  /** The value at {@code key} in index {@code id}, or {@code null}. Callers must not modify it. */
  byte @Nullable [] get(long id, byte[] key);

  /**
   * The values at {@code keys} of index {@code id}, in order, {@code null} where absent; one
   * batched read where the reader can. Callers must not modify them.
   */
  default List<byte @Nullable []> getAll(long id, List<byte[]> keys) {
    List<byte @Nullable []> values = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      values.add(get(id, key));
    }
    return values;
  }

  /**
   * The derived entry (see {@link RawIndex#getDerived}) at {@code key} of index {@code id}, or
   * {@code null}. Callers must not modify it.
   */
  default byte @Nullable [] getDerived(long id, byte[] key) {
    return get(id, key);
  }

  /** The notes (see {@link RawIndex#notes}) of index {@code id}: only a fork's reader has any. */
  default List<RawIndex.Note> notes(long id) {
    return List.of();
  }

  /** Entries of index {@code id} with keys not less than {@code from}, in key order. */
  Iterator<RawEntry> scan(long id, byte[] from);

  /** The page cache of the database underneath. */
  ContentCache pageCache();
}
