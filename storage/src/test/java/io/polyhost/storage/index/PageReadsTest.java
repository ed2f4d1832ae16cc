package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Updating the trie reads only pages that exist: the parent tells where none can be. */
class PageReadsTest {
  @Test
  void insertsAndRemovalsNeverLookUpAMissingPage() {
    long seed = Seeds.pick("PageReadsTest");
    SplittableRandom random = new SplittableRandom(seed);
    PageReads raw = new PageReads(new MemoryRawIndex("svc.map", IndexType.PROOF_MAP));
    ProofMapIndexView<Integer, Integer> map =
        new ProofMapIndexView<>(raw, Serializers.int32(), Serializers.int32(), true);
    List<Integer> keys = new ArrayList<>();
    for (int batch = 0; batch < 40; batch++) {
      for (int i = 0; i < 250; i++) {
        if (!keys.isEmpty() && random.nextInt(3) == 0) {
          map.remove(keys.remove(random.nextInt(keys.size())));
        } else {
          int k = random.nextInt();
          keys.add(k);
          map.put(k, i);
        }
      }
      map.objectHash();
      assertThat(raw.missingPageReads).as("seed=%d batch=%d", seed, batch).isZero();
    }
    assertThat(raw.pageReads).as("seed=%d: pages are read at all", seed).isPositive();
  }

  /** Counts reads of branch pages, and those that found nothing. */
  private static final class PageReads implements RawIndex {
    private final RawIndex inner;
    int pageReads;
    int missingPageReads;

    PageReads(RawIndex inner) {
      this.inner = inner;
    }

    @Override
    public byte @Nullable [] get(byte[] key) {
      byte[] value = inner.get(key);
      if (key.length > 0 && key[0] == TrieKeys.PAGE) {
        pageReads++;
        missingPageReads += value == null ? 1 : 0;
      }
      return value;
    }

    @Override
    public io.polyhost.api.storage.IndexAddress address() {
      return inner.address();
    }

    @Override
    public IndexType type() {
      return inner.type();
    }

    @Override
    public boolean isWritable() {
      return true;
    }

    @Override
    public void put(byte[] key, byte[] value) {
      inner.put(key, value);
    }

    @Override
    public void remove(byte[] key) {
      inner.remove(key);
    }

    @Override
    public void clear() {
      inner.clear();
    }

    @Override
    public Iterator<RawEntry> iterator(byte[] from) {
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
}
