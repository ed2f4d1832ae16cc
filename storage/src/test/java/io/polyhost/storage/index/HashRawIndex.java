package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A raw index on a hash map, ordered only on demand, for timing runs: it shows how much of an
 * insert is the trie and how much is the sorted map under it. Iteration sorts every key.
 */
final class HashRawIndex implements RawIndex {
  private final IndexAddress address = IndexAddress.of("timing");
  private final HashMap<ByteBuffer, byte[]> entries = new HashMap<>();
  // The pending region is small and must be iterated in order: keep it sorted apart.
  private final TreeMap<byte[], byte[]> pending = new TreeMap<>(Arrays::compareUnsigned);
  private byte @Nullable [] state;

  @Override
  public IndexAddress address() {
    return address;
  }

  @Override
  public IndexType type() {
    return IndexType.PROOF_MAP;
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    byte[] v = isPending(key) ? pending.get(key) : entries.get(ByteBuffer.wrap(key));
    return v == null ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (isPending(key)) {
      pending.put(key.clone(), value.clone());
    } else {
      entries.put(ByteBuffer.wrap(key.clone()), value.clone());
    }
  }

  @Override
  public void remove(byte[] key) {
    if (isPending(key)) {
      pending.remove(key);
    } else {
      entries.remove(ByteBuffer.wrap(key));
    }
  }

  @Override
  public void clear() {
    entries.clear();
    pending.clear();
    state = null;
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    TreeMap<byte[], byte[]> all = new TreeMap<>(Arrays::compareUnsigned);
    if (from.length == 0 || from[0] < TrieKeys.PENDING) {
      for (Map.Entry<ByteBuffer, byte[]> e : entries.entrySet()) {
        all.put(e.getKey().array(), e.getValue());
      }
    }
    all.putAll(pending);
    List<RawEntry> out = new ArrayList<>();
    all.tailMap(from, true).forEach((k, v) -> out.add(new RawEntry(k.clone(), v.clone())));
    return out.iterator();
  }

  @Override
  public byte @Nullable [] state() {
    return state == null ? null : state.clone();
  }

  @Override
  public void setState(byte @Nullable [] state) {
    this.state = state == null ? null : state.clone();
  }

  private static boolean isPending(byte[] key) {
    return key.length > 0 && key[0] == TrieKeys.PENDING;
  }
}
