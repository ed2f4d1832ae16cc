package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;

/**
 * Raw indexes in memory. A reopen copies the content into a new raw index, which catches a view
 * that caches anything instead of reading the raw index.
 */
public final class MemoryRawIndexSource implements RawIndexSource {
  @Override
  public RawIndex create(IndexType type) {
    return new MemoryRawIndex("test.index", type);
  }

  @Override
  public RawIndex reopen(RawIndex raw) {
    MemoryRawIndex copy = new MemoryRawIndex(raw.address().name(), raw.type());
    raw.iterator().forEachRemaining((RawEntry e) -> copy.put(e.key(), e.value()));
    copy.setState(raw.state());
    return copy;
  }
}
