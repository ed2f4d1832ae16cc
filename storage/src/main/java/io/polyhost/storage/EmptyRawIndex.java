package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ReadOnlyStorageException;
import java.util.Collections;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/** A read-only view of an index that does not exist: empty, and every write fails. */
record EmptyRawIndex(IndexAddress address, IndexType type) implements RawIndex {
  @Override
  public boolean isWritable() {
    return false;
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    return null;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    throw new ReadOnlyStorageException(address);
  }

  @Override
  public void remove(byte[] key) {
    throw new ReadOnlyStorageException(address);
  }

  @Override
  public void clear() {
    throw new ReadOnlyStorageException(address);
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    return Collections.emptyIterator();
  }

  @Override
  public byte @Nullable [] state() {
    return null;
  }

  @Override
  public void setState(byte @Nullable [] state) {
    throw new ReadOnlyStorageException(address);
  }
}
