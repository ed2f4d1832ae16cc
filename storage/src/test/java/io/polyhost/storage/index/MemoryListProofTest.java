package io.polyhost.storage.index;

import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawIndex;

/** {@link ListProofContract} over the in-memory raw index. */
class MemoryListProofTest extends ListProofContract {
  @Override
  protected RawIndex newEmptyRawIndex() {
    return new MemoryRawIndex("test.proof_list", IndexType.PROOF_LIST);
  }
}
