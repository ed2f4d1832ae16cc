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
 * A raw index shaped like a fork over a database: changes go to a small overlay, reads fall through
 * to a large base, {@link #merge()} applies the overlay. For timing runs only.
 */
final class OverlayRawIndex implements RawIndex {
  private static final byte[] REMOVED = new byte[0];

  private final IndexAddress address;
  private final TreeMap<byte[], byte[]> base = new TreeMap<>(Arrays::compareUnsigned);
  private final TreeMap<byte[], byte[]> changes = new TreeMap<>(Arrays::compareUnsigned);
  private byte @Nullable [] state;

  OverlayRawIndex(String name) {
    this.address = IndexAddress.of(name);
  }

  void merge() {
    for (Map.Entry<byte[], byte[]> e : changes.entrySet()) {
      if (e.getValue() == REMOVED) {
        base.remove(e.getKey());
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
    changes.clear();
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
    byte[] v = changes.get(key);
    if (v == null) {
      v = base.get(key);
    }
    return v == null || v == REMOVED ? null : v.clone();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    changes.put(key.clone(), value.clone());
  }

  @Override
  public void remove(byte[] key) {
    changes.put(key.clone(), REMOVED);
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException("not needed for timing");
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
    merged.putAll(base.tailMap(from, true));
    merged.putAll(changes.tailMap(from, true));
    List<RawEntry> out = new ArrayList<>();
    merged.forEach((k, v) -> {
      if (v != REMOVED) {
        out.add(new RawEntry(k.clone(), v.clone()));
      }
    });
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
}
