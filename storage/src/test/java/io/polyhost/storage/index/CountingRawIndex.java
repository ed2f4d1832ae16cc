package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Counts the calls and bytes passed to another raw index: for write-count tests and timing runs.
 */
final class CountingRawIndex implements RawIndex {
  private final RawIndex inner;
  long gets;
  long puts;
  long removes;
  long iterators;
  private long bytesRead;
  private long bytesWritten;

  CountingRawIndex(RawIndex inner) {
    this.inner = inner;
  }

  void reset() {
    gets = 0;
    puts = 0;
    removes = 0;
    iterators = 0;
    bytesRead = 0;
    bytesWritten = 0;
  }

  RawIndex inner() {
    return inner;
  }

  String perOperation(long operations) {
    double n = operations;
    return String.format(
        "gets %.2f, puts %.2f, removes %.2f, iterators %.3f, read %.0f B, written %.0f B",
        gets / n, puts / n, removes / n, iterators / n, bytesRead / n, bytesWritten / n);
  }

  @Override
  public IndexAddress address() {
    return inner.address();
  }

  @Override
  public IndexType type() {
    return inner.type();
  }

  @Override
  public boolean isWritable() {
    return inner.isWritable();
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    gets++;
    byte[] v = inner.get(key);
    bytesRead += v == null ? 0 : v.length;
    return v;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    puts++;
    bytesWritten += value.length;
    inner.put(key, value);
  }

  @Override
  public void remove(byte[] key) {
    removes++;
    inner.remove(key);
  }

  @Override
  public void clear() {
    inner.clear();
  }

  @Override
  public Iterator<RawEntry> iterator(byte[] from) {
    iterators++;
    return inner.iterator(from);
  }

  @Override
  public byte @Nullable [] state() {
    return inner.state();
  }

  @Override
  public void setState(byte @Nullable [] state) {
    inner.setState(state);
  }
}
