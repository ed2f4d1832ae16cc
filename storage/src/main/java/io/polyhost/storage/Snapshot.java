package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;

/**
 * A consistent, read-only view of the database at one moment: later merges do not show through.
 *
 * <p>Close it when done to release the underlying database snapshot; an unclosed one is released
 * when garbage-collected, later than it could have been.
 */
public interface Snapshot extends StorageAccess, AutoCloseable {
  /** The state hash: the root of the aggregator of every Merkelized index outside groups. */
  Hash stateHash();

  @Override
  void close();
}
