package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import org.junit.jupiter.api.Test;

class ContentCacheTest {
  @Test
  void keepsWhatFitsAndDropsTheLeastRecentlyUsedFirst() {
    // One segment's share is 1/16 of the capacity; fill far beyond the total.
    ContentCache cache = ContentCache.withCapacity(64 * 1024);
    for (int i = 0; i < 10_000; i++) {
      cache.put(name(i), new byte[100]);
      assertThat(cache.size()).isLessThanOrEqualTo(64 * 1024);
    }
    assertThat(cache.get(name(9_999))).hasSize(100);
    assertThat(cache.get(name(0))).isNull();
  }

  @Test
  void aRecentlyReadBlobOutlivesOlderOnes() {
    ContentCache cache = ContentCache.withCapacity(16 * (4 * (100 + ContentCache.ENTRY_OVERHEAD)));
    Hash kept = name(0);
    cache.put(kept, new byte[100]);
    for (int i = 1; i < 2_000; i++) {
      assertThat(cache.get(kept)).as("after %d puts", i).isNotNull();
      cache.put(name(i), new byte[100]);
    }
  }

  @Test
  void removeForgetsAndFreesTheSpace() {
    ContentCache cache = ContentCache.withCapacity(1 << 20);
    cache.put(name(1), new byte[10]);
    cache.remove(name(1));
    cache.remove(name(2));
    assertThat(cache.get(name(1))).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aDisabledCacheHoldsNothingAndSizesAreChecked() {
    ContentCache cache = ContentCache.withCapacity(0);
    cache.put(name(1), new byte[1]);
    assertThat(cache.get(name(1))).isNull();
    assertThat(ContentCache.disabled().get(name(1))).isNull();
    assertThatThrownBy(() -> ContentCache.withCapacity(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> DatabaseOptions.defaults().withPageCacheBytes(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageCacheBytes");
  }

  private static Hash name(int i) {
    return Hash.sha256(new byte[] {(byte) i, (byte) (i >>> 8)});
  }
}
