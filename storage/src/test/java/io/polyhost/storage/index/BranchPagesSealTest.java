package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.ContentCache;
import io.polyhost.storage.MemoryRawIndex;
import org.junit.jupiter.api.Test;

class BranchPagesSealTest {
  private static NodeRef leaf(int firstByte) {
    byte[] key = new byte[32];
    key[0] = (byte) firstByte;
    return new NodeRef(ProofPath.ofKey(key), Hash.sha256(key));
  }

  private static void put(BranchPages store, NodeRef left, NodeRef right) {
    ProofPath path = left.path().prefix(left.path().commonPrefixLength(right.path()));
    byte[] body = BranchBody.encode(left, right);
    store.put(path, body, BranchBody.hash(body), null);
  }

  @Test
  void aPageChangedAfterItWasSealedIsWrittenWithTheChange() {
    MemoryRawIndex raw = new MemoryRawIndex("m", IndexType.PROOF_MAP);
    BranchPages store = new BranchPages(raw, ContentCache.disabled());
    put(store, leaf(0x00), leaf(0x40)); // branch at path "0", in the root page
    store.seal(0, 0);
    byte[] sealed = raw.getDerived(TrieKeys.page(ProofPath.empty()));
    assertThat(sealed).as("sealing encodes, commit writes").isNull();
    put(store, leaf(0x80), leaf(0xc0)); // branch at path "1", same page
    store.commit();

    BranchPages reread = new BranchPages(raw, ContentCache.disabled());
    ProofPath zero = leaf(0x00).path().prefix(1);
    ProofPath one = leaf(0x80).path().prefix(1);
    assertThat(reread.get(new NodeRef(zero, Hash.zero())).right()).isEqualTo(leaf(0x40));
    assertThat(reread.get(new NodeRef(one, Hash.zero())).left()).isEqualTo(leaf(0x80));
  }
}
