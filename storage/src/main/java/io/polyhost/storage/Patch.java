package io.polyhost.storage;

import java.util.List;
import java.util.Map;

/**
 * The frozen changes of a fork, readable as a snapshot of the state they would produce, and applied
 * to the database all at once by {@link Database#merge}.
 */
public final class Patch extends ReadOnlySnapshot {
  private final RocksDbDatabase origin;
  private final DbSnapshot base;
  private final Map<Long, IndexChanges> changes;
  private final Map<Long, IndexChanges> derived;
  private final Map<Long, List<byte[]>> logs;
  private final EmptyRanges seenEmpty;
  private final LayeredReader reader;

  Patch(RocksDbDatabase origin, DbSnapshot base, ChangeSet changeSet, EmptyRanges seenEmpty) {
    this.origin = origin;
    this.base = base;
    this.changes = changeSet.all();
    this.derived = changeSet.allDerived();
    this.logs = changeSet.logs();
    this.seenEmpty = seenEmpty;
    this.reader = new LayeredReader(base, changes::get, derived::get, id -> List.of(), seenEmpty);
  }

  RocksDbDatabase origin() {
    return origin;
  }

  Map<Long, IndexChanges> changes() {
    return changes;
  }

  /** The derived entries (see {@link RawIndex#putDerived}) by index id. */
  Map<Long, IndexChanges> derived() {
    return derived;
  }

  /** The derivation records (see {@link RawIndex#logDerivation}) by index id, in order. */
  Map<Long, List<byte[]>> logs() {
    return logs;
  }

  /** Where the snapshot under the patch is known to hold nothing. */
  EmptyRanges seenEmpty() {
    return seenEmpty;
  }

  /** The merge count of the database when the snapshot under the patch was taken. */
  long baseVersion() {
    return base.version();
  }

  /** Releases the database snapshot under the patch; merging does not need it. */
  @Override
  KvReader reader() {
    return reader;
  }

  @Override
  public void close() {
    base.close();
  }
}
