package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A sorted-map raw index with a fork's flush and rollback: {@link #flush()} keeps the changes so
 * far, {@link #rollback()} restores the content as of the last flush (entries and state).
 */
final class CheckpointRawIndex implements RawIndex {
  private final IndexAddress address;
  private TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  private TreeMap<byte[], byte[]> flushed = new TreeMap<>(Arrays::compareUnsigned);
  private byte @Nullable [] state;
  private byte @Nullable [] flushedState;

  CheckpointRawIndex(String name) {
    this.address = IndexAddress.of(name);
  }

  void flush() {
    flushed = new TreeMap<>(entries);
    flushedState = state;
  }

  void rollback() {
    entries = new TreeMap<>(flushed);
    state = flushedState;
  }

  /** The raw entries, for tests that compare stored bytes. */
  Map<byte[], byte[]> contents() {
    return entries;
  }

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
    byte[] v = entries.get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    entries.put(key.clone(), value.clone());
  }

  @Override
  public void remove(byte[] key) {
    entries.remove(key);
  }

  @Override
  public void clear() {
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
    this.state = state == null ? null : state.clone();
  }
}
