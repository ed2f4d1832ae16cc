package io.polyhost.storage;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.index.ProofMapIndexView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A writable view: a snapshot plus the changes made through it, kept in memory until the fork
 * becomes a {@link Patch} and is merged into the database.
 *
 * <p>{@link #flush()} and {@link #rollback()} make the fork the isolation boundary of one
 * transaction: rollback discards every change since the last flush, as if it never happened. A fork
 * is used by one thread at a time.
 *
 * <p>{@link #flushMigration} and {@link #rollbackMigration} end a data migration (see {@link
 * Migration}) as part of the fork, so the end of a migration is committed with a block.
 */
public final class Fork implements StorageAccess, AutoCloseable {
  private final RocksDbDatabase origin;
  private final DbSnapshot base;
  private final ChangeSet changes = new ChangeSet();
  private final EmptyRanges seenEmpty = new EmptyRanges();
  private final LayeredReader reader;
  private final Map<Long, StoredRawIndex> writable = new HashMap<>();
  private boolean finished;

  Fork(RocksDbDatabase origin, DbSnapshot base) {
    this.origin = origin;
    this.base = base;
    this.reader =
        new LayeredReader(base, changes::get, changes::derived, changes::notes, seenEmpty);
  }

  /** Makes every change so far permanent within this fork: a later rollback keeps it. */
  public void flush() {
    checkOpen();
    changes.flush();
  }

  /** Discards every change made since the last {@link #flush()}. */
  public void rollback() {
    checkOpen();
    changes.rollback();
  }

  /**
   * Finishes the migration of {@code namespace}: every {@code ^ns.x} replaces {@code ns.x} (whose
   * old data is deleted), every tombstoned {@code ns.x} is removed, the namespace's aggregator and
   * scratchpad are erased, and the moved indexes take their place in the state hash. Nothing
   * reaches the database until this fork is merged; the merge applies all of it or nothing.
   *
   * <p>Call it on a fork created after the migration's last merge: data merged later would stay
   * behind in {@code ^ns.} and the state hash would not cover it. Like {@link #flush()}, it makes
   * every earlier change of the fork permanent within the fork, and so is the migration step
   * itself: a later {@link #rollback()} keeps it. Index views opened from this fork before the call
   * must not be used after it.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  public void flushMigration(String namespace) {
    checkOpen();
    Namespaces.check(namespace, "Migration namespace");
    changes.flush();
    MigratedIndexes.Flushed flushed = MigratedIndexes.flush(reader, changes, namespace);
    if (!flushed.unaggregated().isEmpty()) {
      var aggregator = StateAggregator.open(rawIndex(StateAggregator.ADDRESS, IndexType.PROOF_MAP));
      flushed.unaggregated().forEach(aggregator::remove);
      aggregator.objectHash();
    }
    // Opening a moved index marks it as touched: turning the fork into a patch aggregates it.
    flushed.aggregated().forEach(this::rawIndex);
    afterNamespaceChange();
  }

  /**
   * Abandons the migration of {@code namespace}: every {@code ^ns.x} (data and metadata), the
   * namespace's aggregator and its scratchpad are erased; {@code ns.*} is left as it is. Flushes
   * the fork like {@link #flushMigration}; views opened before must not be used after.
   *
   * @throws IllegalArgumentException if {@code namespace} is not a single, unreserved name
   *     component
   */
  public void rollbackMigration(String namespace) {
    checkOpen();
    Namespaces.check(namespace, "Migration namespace");
    changes.flush();
    MigratedIndexes.rollback(reader, changes, namespace);
    afterNamespaceChange();
  }

  /** Erases the scratchpad of {@code namespace}, which flushing and rolling back also do. */
  void clearScratchpad(String namespace) {
    checkOpen();
    Namespaces.check(namespace, "Scratchpad namespace");
    MigratedIndexes.erase(reader, changes, Scratchpad.registryPrefix(namespace));
    afterNamespaceChange();
  }

  /**
   * The state hash of the fork as it stands now: brings the state aggregator up to date for every
   * Merkelized index touched so far and returns its root, as {@link Patch#stateHash()} would.
   *
   * <p>The block executor needs the hash for the block header while the fork is still open, because
   * the header itself (and other bookkeeping outside the state hash) is written afterwards. Later
   * changes to aggregated indexes change the hash again.
   */
  public Hash stateHash() {
    checkOpen();
    StateAggregator.update(this, touchedMerkelized());
    return StateAggregator.stateHash(this);
  }

  /**
   * Ends the fork and returns its changes as a patch, with the state aggregator (and the
   * aggregators of migrations) brought up to date for every Merkelized index the fork touched.
   * Unflushed changes are included.
   */
  public Patch intoPatch() {
    checkOpen();
    StateAggregator.update(this, touchedMerkelized());
    settleNotes();
    changes.flush();
    finished = true;
    return new Patch(origin, base, changes, seenEmpty);
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code type} is {@link IndexType#TOMBSTONE}: tombstones are
   *     made by {@link Migration#createTombstone}
   */
  @Override
  public RawIndex rawIndex(IndexAddress address, IndexType type) {
    checkOpen();
    if (type == IndexType.TOMBSTONE && !address.name().startsWith("^")) {
      throw new IllegalArgumentException(
          "Index '"
              + address
              + "' cannot be a tombstone: tombstones exist only in migrations"
              + " (Migration.createTombstone)");
    }
    StoredRawIndex index = Indexes.openExisting(reader, changes, address, type);
    if (index == null) {
      IndexMetadata created = IndexRegistry.create(reader, changes, address, type);
      index =
          new StoredRawIndex(address, created, IndexRegistry.metadataKey(address), reader, changes);
    }
    writable.put(index.id(), index);
    return index;
  }

  /**
   * The writable index with the id {@code id}, or {@code null} if the registry holds none; for
   * rebuilding derived entries, so it does not count as touched for the state hash.
   */
  @org.jspecify.annotations.Nullable
  RawIndex rawIndexById(long id) {
    checkOpen();
    byte[] address = reader.get(Keys.METADATA_ID, Keys.tagged(Keys.ADDRESS_BY_ID, Keys.prefix(id)));
    if (address == null) {
      return null;
    }
    IndexAddress parsed = Keys.parseAddress(address);
    byte[] metadataKey = IndexRegistry.metadataKey(parsed);
    IndexMetadata metadata = IndexRegistry.lookup(reader, metadataKey);
    if (metadata == null || metadata.id() != id) {
      return null;
    }
    return new StoredRawIndex(parsed, metadata, metadataKey, reader, changes);
  }

  @Override
  public RawIndex rawIndexForRead(IndexAddress address, IndexType type) {
    checkOpen();
    return Indexes.openForRead(reader, address, type);
  }

  @Override
  public Optional<IndexType> indexType(IndexAddress address) {
    checkOpen();
    return Indexes.typeOf(reader, address);
  }

  /** Releases the snapshot underneath; a fork that became a patch hands it over instead. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      base.close();
    }
  }

  /**
   * Has every index holding notes (see {@link RawIndex#notes}) settle them, so that nothing this
   * fork keeps only in memory is lost when it becomes a patch. Only proof maps note anything; they
   * settle by bringing their tries up to date. Notes of an index that no longer exists are dropped.
   *
   * @throws IllegalStateException if notes remain
   */
  private void settleNotes() {
    for (long id : changes.notedIndexes()) {
      StoredRawIndex opened = writable.get(id);
      RawIndex index = opened != null && opened.isLive() ? opened : rawIndexById(id);
      if (index == null) {
        changes.clearNotes(id); // the index is gone, and with it what the notes were about
        continue;
      }
      if (index.type() == IndexType.PROOF_MAP) {
        ProofMapIndexView.objectHashOf(index);
      }
      if (!changes.notes(id).isEmpty()) {
        throw new IllegalStateException("Index '" + index.address() + "' did not settle its notes");
      }
    }
  }

  /** Forgets indexes a namespace change removed or moved, and makes the change permanent. */
  private void afterNamespaceChange() {
    writable.values().removeIf(index -> !index.isLive());
    changes.flush();
  }

  private List<StoredRawIndex> touchedMerkelized() {
    List<StoredRawIndex> touched = new ArrayList<>();
    for (StoredRawIndex index : writable.values()) {
      if (StateAggregator.slotOf(index.address(), index.type()) != null
          && wasChanged(index)
          && index.isLive()) {
        touched.add(index);
      }
    }
    return touched;
  }

  private boolean wasChanged(StoredRawIndex index) {
    IndexChanges own = changes.get(index.id());
    if (own != null && !own.isEmpty()) {
      return true;
    }
    IndexChanges registry = changes.get(Keys.METADATA_ID);
    return registry != null && registry.containsKey(IndexRegistry.metadataKey(index.address()));
  }

  private void checkOpen() {
    if (finished) {
      throw new StorageException("This fork was already turned into a patch or closed");
    }
  }
}
