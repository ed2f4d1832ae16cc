package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RawIndex} over a plain sorted map, for unit tests of index views that do not need a
 * database. Index views are also tested against the real database.
 */
public final class MemoryRawIndex implements RawIndex {
  private final IndexAddress address;
  private final IndexType type;
  private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  private byte @Nullable [] state;
  private boolean writable = true;

  public MemoryRawIndex(String name, IndexType type) {
    this.address = IndexAddress.of(name);
    this.type = type;
  }

  /** Makes further writes fail, as through a snapshot. */
  public MemoryRawIndex readOnly() {
    writable = false;
    return this;
  }

  @Override
  public IndexAddress address() {
    return address;
  }

  @Override
  public IndexType type() {
    return type;
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    byte[] v = entries.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkWritable();
    entries.put(key.clone(), value.clone());
  }

  @Override
  public void remove(byte[] key) {
    checkWritable();
    entries.remove(key);
  }

  @Override
  public void clear() {
    checkWritable();
    entries.clear();
    state = null;
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    List<RawEntry> copy = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : entries.tailMap(from, true).entrySet()) {
      copy.add(new RawEntry(e.getKey().clone(), e.getValue().clone()));
    }
    return copy.iterator();
  }

  @Override
  public byte @Nullable [] state() {
    return state == null ? null : state.clone();
  }

  @Override
  public void setState(byte @Nullable [] state) {
    checkWritable();
    this.state = state == null ? null : state.clone();
  }

  private void checkWritable() {
    if (!writable) {
      throw new ReadOnlyStorageException(address);
    }
  }
}
