package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.storage.index.Seeds;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
  void takeReturnsTheBlobAndForgetsIt() {
    ContentCache cache = ContentCache.withCapacity(1 << 20);
    byte[] blob = new byte[10];
    cache.put(name(1), blob);
    cache.put(name(2), new byte[20]);
    assertThat(cache.take(name(1))).isSameAs(blob);
    assertThat(cache.take(name(1))).isNull();
    assertThat(cache.get(name(1))).isNull();
    assertThat(cache.get(name(2))).hasSize(20);
    assertThat(cache.size()).isEqualTo(20 + ContentCache.ENTRY_OVERHEAD);
  }

  @Test
  void aNameThatWouldLookLikeAnEmptySlotIsNeverStored() {
    // Empty slots are told by their names' first two words being zero.
    ContentCache cache = ContentCache.withCapacity(1 << 20);
    byte[] zeroHead = new byte[Hash.SIZE];
    zeroHead[31] = 1;
    for (Hash name : new Hash[] {Hash.zero(), Hash.of(zeroHead)}) {
      cache.put(name, new byte[10]);
      assertThat(cache.get(name)).isNull();
      cache.remove(name);
      assertThat(cache.size()).isZero();
    }
    cache.put(name(1), new byte[10]);
    cache.remove(Hash.zero());
    assertThat(cache.get(name(1))).hasSize(10);
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

  @Test
  void agreesWithAMapThroughRandomPutsRemovesAndGrowth() {
    long seed = Seeds.pick("ContentCacheTest");
    SplittableRandom random = new SplittableRandom(seed);
    // Large enough that nothing is evicted: every answer must match the model exactly, which
    // checks probing, deletion by backward shift and table growth.
    ContentCache cache = ContentCache.withCapacity(1L << 30);
    Map<Hash, byte[]> model = new HashMap<>();
    for (int step = 0; step < 50_000; step++) {
      Hash name = name(random.nextInt(3_000));
      int op = random.nextInt(10);
      if (op < 5) {
        byte[] blob = new byte[random.nextInt(40)];
        random.nextBytes(blob);
        cache.put(name, blob);
        model.put(name, blob);
      } else if (op < 8) {
        cache.remove(name);
        model.remove(name);
      } else {
        assertThat(cache.get(name)).as("seed %d step %d", seed, step).isEqualTo(model.get(name));
      }
    }
    for (int i = 0; i < 3_000; i++) {
      assertThat(cache.get(name(i))).as("seed %d name %d", seed, i).isEqualTo(model.get(name(i)));
    }
    long charged = 0;
    for (byte[] blob : model.values()) {
      charged += blob.length + ContentCache.ENTRY_OVERHEAD;
    }
    assertThat(cache.size()).isEqualTo(charged);
  }

  @Test
  void underEvictionEveryHitIsTheBlobLastPutAndTheSizeStaysBounded() {
    long seed = Seeds.pick("ContentCacheTest");
    SplittableRandom random = new SplittableRandom(seed);
    long capacity = 16 * 20 * (50 + ContentCache.ENTRY_OVERHEAD);
    ContentCache cache = ContentCache.withCapacity(capacity);
    Map<Hash, byte[]> last = new HashMap<>();
    for (int step = 0; step < 50_000; step++) {
      Hash name = name(random.nextInt(2_000));
      int op = random.nextInt(10);
      if (op < 4) {
        byte[] blob = new byte[random.nextInt(100)];
        random.nextBytes(blob);
        cache.put(name, blob);
        last.put(name, blob);
      } else if (op < 5) {
        cache.remove(name);
        last.remove(name);
      } else {
        byte[] got = cache.get(name);
        if (got != null) {
          assertThat(got).as("seed %d step %d", seed, step).isSameAs(last.get(name));
        }
      }
      assertThat(cache.size()).isBetween(0L, capacity);
    }
  }

  private static Hash name(int i) {
    return Hash.sha256(new byte[] {(byte) i, (byte) (i >>> 8)});
  }
}
