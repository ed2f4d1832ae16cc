package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/** A {@link RawIndex} that counts the reads and writes passed to another one. */
final class CountingRawIndex implements RawIndex {
  private final RawIndex delegate;
  int gets;
  int puts;
  int removes;

  CountingRawIndex(RawIndex delegate) {
    this.delegate = delegate;
  }

  void reset() {
    gets = 0;
    puts = 0;
    removes = 0;
  }

  @Override
  public IndexAddress address() {
    return delegate.address();
  }

  @Override
  public IndexType type() {
    return delegate.type();
  }

  @Override
  public boolean isWritable() {
    return delegate.isWritable();
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    gets++;
    return delegate.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    puts++;
    delegate.put(key, value);
  }

  @Override
  public void remove(byte[] key) {
    removes++;
    delegate.remove(key);
  }

  @Override
  public void clear() {
    delegate.clear();
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    return delegate.iterator(from);
  }

  @Override
  public byte @Nullable [] state() {
    return delegate.state();
  }

  @Override
  public void setState(byte @Nullable [] state) {
    delegate.setState(state);
  }
}
