package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The byte-level key space of one index, as seen through a snapshot, fork or patch.
 *
 * <p>Typed index views (maps, lists, Merkle trees) are built on this. Keys are ordered by unsigned
 * lexicographic byte order and are private to the index: two indexes never see each other's keys.
 * Besides its entries, an index has a small optional <em>state</em> blob (a list keeps its length
 * there) that is stored with the index metadata and follows the same fork, flush and rollback rules
 * as the entries.
 *
 * <p>Writes through a read-only raw index throw {@link ReadOnlyStorageException}. Keys longer than
 * {@link Limits#MAX_KEY_SIZE} and values longer than {@link Limits#MAX_VALUE_SIZE} are rejected
 * with an {@link IllegalArgumentException} naming the index.
 */
public interface RawIndex {
  /** The full address (namespace prefixes included). */
  IndexAddress address();

  /** The index type recorded for this address. */
  IndexType type();

  /** Whether writes are allowed. */
  boolean isWritable();

  /** The value at {@code key}, or {@code null}. */
  byte @Nullable [] get(byte[] key);

  /**
   * The values at {@code keys}, in the same order, {@code null} where a key has none: like {@link
   * #get} for each, but an index of a database reads whatever the changes above it do not decide in
   * one batched database read, which costs much less per key than separate reads.
   */
  default List<byte @Nullable []> getAll(List<byte[]> keys) {
    List<byte @Nullable []> values = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      values.add(get(key));
    }
    return values;
  }

  /** Whether {@code key} has a value. */
  default boolean contains(byte[] key) {
    return get(key) != null;
  }

  /** Stores {@code value} at {@code key}. */
  void put(byte[] key, byte[] value);

  /** Removes {@code key}; does nothing if absent. */
  void remove(byte[] key);

  /** Removes every entry and the state. */
  void clear();

  /**
   * The entries with keys not less than {@code from}, in key order.
   *
   * <p>The iterator reflects the content at the moment of the call; writes made while iterating may
   * or may not be seen. It needs no closing: abandoning it leaks nothing.
   */
  Iterator<RawEntry> iterator(byte[] from);

  /** All entries in key order. */
  default Iterator<RawEntry> iterator() {
    return iterator(new byte[0]);
  }

  /** The state blob, or {@code null} if none was set. */
  byte @Nullable [] state();

  /** Replaces the state blob; {@code null} removes it. */
  void setState(byte @Nullable [] state);

  /**
   * The derived entry at {@code key}, or {@code null}: one written with {@link #putDerived}.
   *
   * <p>Derived entries are data an index can compute again from its other entries and the records
   * it logged with {@link #logDerivation} (a proof map's branch pages). A database may keep the
   * latest ones in memory across several merges and write them only now and then, which is why they
   * are read here and never through {@link #get} or {@link #iterator}: those may or may not show
   * them. Their keys must not be used for ordinary entries.
   */
  default byte @Nullable [] getDerived(byte[] key) {
    return get(key);
  }

  /**
   * Stores the derived entry {@code value} at {@code key}, or removes it if {@code value} is {@code
   * null}; see {@link #getDerived}.
   */
  default void putDerived(byte[] key, byte @Nullable [] value) {
    if (value == null) {
      remove(key);
    } else {
      put(key, value);
    }
  }

  /**
   * Records what the derived entries written alongside were computed from, so that a database which
   * lost derived entries it held only in memory (a crash) can hand the records of every merge since
   * they were last written to {@code DerivedRecovery} and have them computed again. Indexes that
   * store derived entries like any other (the default) need no such record.
   */
  default void logDerivation(byte[] record) {}

  /**
   * A record an index keeps in its {@linkplain #notes() notes}; each index defines its own kinds.
   */
  interface Note {}

  /**
   * Whether this index keeps {@linkplain #notes() notes}: true for indexes of a fork, false
   * elsewhere (an index that cannot keep them stores what it would have noted as entries).
   */
  default boolean keepsNotes() {
    return false;
  }

  /**
   * The notes of this index, oldest first: records of work the index still owes its other entries
   * (a proof map's leaf changes not yet hashed into its branches). A fork keeps them in memory
   * beside the index's changes, where they follow flush and rollback like entries do, stay with the
   * index when a migration moves it, go when its data is cleared, and never reach the database:
   * before the fork becomes a patch it asks every index holding notes to settle them (for a proof
   * map, by bringing its trie up to date), and refuses to go on if any remain. Read-only indexes of
   * a fork see its notes too.
   */
  default List<Note> notes() {
    return List.of();
  }

  /**
   * Appends {@code note} to the notes.
   *
   * @throws UnsupportedOperationException if this index keeps no notes (see {@link #keepsNotes})
   */
  default void addNote(Note note) {
    throw new UnsupportedOperationException("Index '" + address() + "' keeps no notes");
  }

  /** Forgets every note; what they asked for must have been done. */
  default void clearNotes() {}

  /**
   * The cache in which Merkelized indexes may keep stored nodes by content hash: the database's,
   * for indexes of a database, or one that holds nothing.
   */
  default ContentCache pageCache() {
    return ContentCache.disabled();
  }
}
