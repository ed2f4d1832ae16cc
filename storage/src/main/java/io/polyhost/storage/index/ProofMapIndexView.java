package io.polyhost.storage.index;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.Limits;
import io.polyhost.storage.RawIndex;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ProofMapIndex} over the raw key space of one index.
 *
 * <p>Writes are cheap: a write stores the entry at its leaf key, records the change (see {@code
 * PendingChanges}), and leaves the trie alone. The trie is brought up to date when a hash or a
 * proof is asked for, here or through {@link #objectHashOf} (which the database calls when it
 * aggregates the state): all pending changes are applied in one pass from the root, so each touched
 * branch is read, rebuilt and hashed once per batch, not once per write. Branches are stored in
 * pages of four trie levels, and the database's page cache, keyed by content hash, saves most page
 * reads. Everything, recorded changes included, lives in the raw index, so fork flush and rollback
 * keep entries and trie consistent; equal contents give equal stored bytes whatever the history.
 * See {@code TrieKeys} for the layout and {@link io.polyhost.api.proof.MapProof} for the hashing
 * scheme.
 *
 * <p>Iteration follows the leaf paths: key order for raw keys, key-hash order for hashed keys (as
 * in Exonum). A view keeps no state besides its raw index, so it is as thread-safe as that index.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ProofMapIndexView<K, V> implements ProofMapIndex<K, V> {
  private final RawIndex raw;
  private final Serializer<K> keys;
  private final Serializer<V> values;
  private final MapKeyMode mode;

  /**
   * A view of {@code raw} with hashed keys ({@code hashedKeys}) or 32-byte keys used as paths.
   *
   * @throws IndexTypeMismatchException if {@code raw} is not a proof map
   * @throws StorageException if the map was written with the other key mode
   */
  public ProofMapIndexView(
      RawIndex raw, Serializer<K> keys, Serializer<V> values, boolean hashedKeys) {
    Trie.checkType(raw);
    this.raw = raw;
    this.keys = keys;
    this.values = values;
    this.mode = hashedKeys ? MapKeyMode.HASHED : MapKeyMode.RAW;
    MapKeyMode recorded = TrieState.read(raw).mode();
    if (recorded != null && recorded != mode) {
      throw new StorageException(
          "Proof map '"
              + raw.address()
              + "' holds "
              + recorded
              + " keys and cannot be opened with "
              + mode
              + " keys");
    }
  }

  /**
   * The object hash of the proof map stored in {@code raw}, applying (and, if writable, persisting)
   * any pending changes. Cheap when there are none: the root is stored.
   *
   * @throws IndexTypeMismatchException if {@code raw} is not a proof map
   */
  public static Hash objectHashOf(RawIndex raw) {
    return Trie.open(raw, null).mapHash();
  }

  @Override
  public Optional<V> get(K key) {
    byte[] record = raw.get(TrieKeys.leaf(pathOf(encodeKey(key))));
    return record == null
        ? Optional.empty()
        : Optional.of(values.decode(LeafRecord.value(mode, record)));
  }

  @Override
  public boolean containsKey(K key) {
    return raw.contains(TrieKeys.leaf(pathOf(encodeKey(key))));
  }

  @Override
  public void put(K key, V value) {
    byte[] k = encodeKey(key);
    ProofPath path = pathOf(k);
    byte[] v = values.encode(value);
    byte[] record = LeafRecord.encode(mode, k, v);
    raw.put(TrieKeys.leaf(path), record);
    PendingChanges.recordPut(raw, path, record, record.length - v.length);
  }

  @Override
  public void remove(K key) {
    ProofPath path = pathOf(encodeKey(key));
    byte[] leaf = TrieKeys.leaf(path);
    if (raw.contains(leaf)) {
      raw.remove(leaf);
      PendingChanges.recordRemoval(raw, path);
    }
  }

  @Override
  public void clear() {
    raw.clear();
  }

  @Override
  public Iterator<Map.Entry<K, V>> entries() {
    return leaves(new byte[] {TrieKeys.LEAF});
  }

  /**
   * Entries from the path of {@code from} on; for hashed keys, that is the hash of {@code from}.
   */
  @Override
  public Iterator<Map.Entry<K, V>> entriesFrom(K from) {
    return leaves(TrieKeys.leaf(pathOf(encodeKey(from))));
  }

  @Override
  public Iterator<K> keys() {
    return new LeafIterator<>(
        raw.iterator(new byte[] {TrieKeys.LEAF}), mode, (k, v) -> keys.decode(k));
  }

  @Override
  public Iterator<V> values() {
    return new LeafIterator<>(
        raw.iterator(new byte[] {TrieKeys.LEAF}), mode, (k, v) -> values.decode(v));
  }

  @Override
  public Hash objectHash() {
    return Trie.open(raw, mode).mapHash();
  }

  @Override
  public MapProof proof(K key) {
    return proof(List.of(key));
  }

  @Override
  public MapProof proof(Collection<? extends K> requested) {
    TreeMap<ProofPath, byte[]> byPath = new TreeMap<>();
    for (K key : requested) {
      byte[] k = encodeKey(key);
      byPath.put(pathOf(k), k);
    }
    return TrieProver.prove(Trie.open(raw, mode), raw, mode, byPath);
  }

  private Iterator<Map.Entry<K, V>> leaves(byte[] from) {
    return new LeafIterator<>(
        raw.iterator(from), mode, (k, v) -> Map.entry(keys.decode(k), values.decode(v)));
  }

  private byte[] encodeKey(K key) {
    byte[] k = keys.encode(key);
    if (k.length > Limits.MAX_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Key of "
              + k.length
              + " bytes for proof map '"
              + raw.address()
              + "'; at most "
              + Limits.MAX_KEY_SIZE
              + " are allowed");
    }
    return k;
  }

  private ProofPath pathOf(byte[] key) {
    try {
      return mode.pathOf(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Proof map '" + raw.address() + "': " + e.getMessage(), e);
    }
  }
}
