package io.polyhost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.storage.index.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link RawIndex#getAll}: one batched read must answer exactly what a {@link RawIndex#get} per key
 * answers, whether a key is decided by the fork's changes (written, removed, cleared) or by the
 * database underneath.
 */
class BatchedReadTest extends WithDatabase {
  private static final IndexAddress A = IndexAddress.of("svc.a");
  private static final IndexAddress B = IndexAddress.of("svc.b");

  @Test
  void aForkAnswersFromItsChangesAndTheDatabase() {
    try (Fork fork = db.fork()) {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      for (int i = 0; i < 10; i++) {
        a.put(b(i), b(100 + i));
      }
      fork.rawIndex(B, IndexType.MAP).put(b(3), b(33)); // another index's key is not seen
      db.merge(fork.intoPatch());
    }
    try (Fork fork = db.fork()) {
      RawIndex a = fork.rawIndex(A, IndexType.MAP);
      a.put(b(2), b(222)); // overwritten in the fork
      a.remove(b(4)); // removed in the fork
      a.put(b(20), b(20)); // only in the fork
      List<byte[]> keys = List.of(b(1), b(2), b(4), b(20), b(21), b(9), b(1));
      assertThat(a.getAll(keys)).containsExactlyElementsOf(oneByOne(a, keys));
      assertThat(a.getAll(keys)).containsExactly(b(101), b(222), null, b(20), null, b(109), b(101));
      a.clear(); // a cleared index hides the database
      a.put(b(5), b(55));
      assertThat(a.getAll(List.of(b(1), b(5), b(20)))).containsExactly(null, b(55), null);
    }
  }

  @Test
  void aSnapshotAndAPatchAnswerLikeSeparateReads() {
    SplittableRandom random = new SplittableRandom(Seeds.pick("BatchedReadTest"));
    List<byte[]> keys = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      try (Fork fork = db.fork()) {
        RawIndex a = fork.rawIndex(A, IndexType.MAP);
        for (int i = 0; i < 200; i++) {
          byte[] key = b(random.nextInt(1000));
          if (random.nextInt(4) == 0) {
            a.remove(key);
          } else {
            a.put(key, b(random.nextInt()));
          }
          keys.add(b(random.nextInt(1000)));
        }
        Patch patch = fork.intoPatch();
        RawIndex fromPatch = patch.rawIndexForRead(A, IndexType.MAP);
        assertThat(fromPatch.getAll(keys)).containsExactlyElementsOf(oneByOne(fromPatch, keys));
        db.merge(patch);
      }
      try (Snapshot s = db.snapshot()) {
        RawIndex a = s.rawIndexForRead(A, IndexType.MAP);
        assertThat(a.getAll(keys)).containsExactlyElementsOf(oneByOne(a, keys));
      }
    }
  }

  @Test
  void aMissingIndexReadsAsEmpty() {
    try (Snapshot s = db.snapshot()) {
      assertThat(s.rawIndexForRead(A, IndexType.MAP).getAll(List.of(b(1), b(2))))
          .containsExactly(null, null);
      assertThat(s.rawIndexForRead(A, IndexType.MAP).getAll(List.of())).isEmpty();
    }
  }

  private static List<byte @Nullable []> oneByOne(RawIndex index, List<byte[]> keys) {
    List<byte @Nullable []> values = new ArrayList<>();
    for (byte[] key : keys) {
      values.add(index.get(key));
    }
    return values;
  }

  private static byte[] b(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }
}
