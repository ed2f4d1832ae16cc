package io.polyhost.storage.index;

import io.polyhost.storage.RawIndex;

/** The model test over an in-memory raw index with fork-like flush and rollback. */
class MemoryProofMapModelTest extends ProofMapModelContract {
  @Override
  protected RawIndex newIndex(String name) {
    return new CheckpointRawIndex(name);
  }

  @Override
  protected RawIndex flush(RawIndex raw) {
    ((CheckpointRawIndex) raw).flush();
    return raw;
  }

  @Override
  protected RawIndex rollback(RawIndex raw) {
    ((CheckpointRawIndex) raw).rollback();
    return raw;
  }
}
