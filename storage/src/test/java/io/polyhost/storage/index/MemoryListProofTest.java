package io.polyhost.storage.index;

/** {@link ListProofContract} over the in-memory raw index. */
class MemoryListProofTest extends ListProofContract {
  @Override
  protected RawIndexSource source() {
    return new MemoryRawIndexSource();
  }
}
