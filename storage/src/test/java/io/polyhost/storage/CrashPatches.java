package io.polyhost.storage;

import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.Group;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.index.EntryView;
import io.polyhost.storage.index.KeySetIndexView;
import io.polyhost.storage.index.ListIndexView;
import io.polyhost.storage.index.MapIndexView;
import io.polyhost.storage.index.ProofEntryView;
import io.polyhost.storage.index.ProofListIndexView;
import java.util.SplittableRandom;

/**
 * The patches of the crash-safety test. Patch {@code n} of seed {@code s} makes the same changes
 * whenever it is applied to the state left by patches {@code 1..n-1}, so a database that merged
 * patches {@code 1..m} can be compared with a replay of them. Each patch also records its own
 * number in {@link #LAST_PATCH}, which tells a reopened database how far it got.
 */
final class CrashPatches {
  private CrashPatches() {}

  static final IndexAddress LAST_PATCH = IndexAddress.of("crash.last_patch");
  static final int GROUP_MEMBERS = 8;

  private static final long MAP_KEYS = 1024;
  // Large values go to a few slots of their own, so the database stays small however long it runs.
  private static final long LARGE_SLOTS = 16;
  private static final long SET_KEYS = 512;

  /** Makes the changes of patch {@code n} in {@code fork}, including the marker. */
  static void write(Fork fork, long seed, long n) {
    SplittableRandom random = new SplittableRandom(seed + n * 0x9E3779B97F4A7C15L);
    writeMap(map(fork), random);
    writeList(list(fork), random);
    writeList(history(fork), random);
    writeKeys(keys(fork), random);
    writeGroup(group(fork), random);
    ProofEntry<byte[]> note = note(fork);
    if (random.nextInt(10) == 0) {
      note.remove();
    } else {
      note.set(bytes(random, random.nextInt(256)));
    }
    marker(fork).set(n);
  }

  /** The number of the last patch merged into {@code access}, or 0. */
  static long lastPatch(StorageAccess access) {
    return marker(access).get().orElse(0L);
  }

  static Entry<Long> marker(StorageAccess access) {
    return new EntryView<>(access.rawIndex(LAST_PATCH, IndexType.ENTRY), Serializers.int64());
  }

  static MapIndex<Long, byte[]> map(StorageAccess access) {
    return new MapIndexView<>(
        access.rawIndex(IndexAddress.of("crash.map"), IndexType.MAP),
        Serializers.int64(),
        Serializers.bytes());
  }

  static ListIndex<byte[]> list(StorageAccess access) {
    return new ListIndexView<>(
        access.rawIndex(IndexAddress.of("crash.list"), IndexType.LIST), Serializers.bytes());
  }

  /** A Merkelized list: once the state aggregator is real, its root enters the state hash. */
  static ProofListIndex<byte[]> history(StorageAccess access) {
    return new ProofListIndexView<>(
        access.rawIndex(IndexAddress.of("crash.history"), IndexType.PROOF_LIST),
        Serializers.bytes());
  }

  static ProofEntry<byte[]> note(StorageAccess access) {
    return new ProofEntryView<>(
        access.rawIndex(IndexAddress.of("crash.note"), IndexType.PROOF_ENTRY), Serializers.bytes());
  }

  static KeySetIndex<Long> keys(StorageAccess access) {
    return new KeySetIndexView<>(
        access.rawIndex(IndexAddress.of("crash.keys"), IndexType.KEY_SET), Serializers.int64());
  }

  static Group<Integer, MapIndex<String, byte[]>> group(StorageAccess access) {
    return Group.of(
        "crash.members",
        Serializers.int32(),
        address ->
            new MapIndexView<>(
                access.rawIndex(address, IndexType.MAP),
                Serializers.string(),
                Serializers.bytes()));
  }

  private static void writeMap(MapIndex<Long, byte[]> map, SplittableRandom random) {
    if (random.nextInt(40) == 0) {
      map.clear();
    }
    int writes = 150 + random.nextInt(150);
    for (int i = 0; i < writes; i++) {
      long key = random.nextLong(MAP_KEYS);
      if (random.nextInt(4) == 0) {
        map.remove(key);
      } else {
        map.put(key, bytes(random, smallSize(random)));
      }
    }
    int large = 1 + random.nextInt(3);
    for (int i = 0; i < large; i++) {
      map.put(
          MAP_KEYS + random.nextLong(LARGE_SLOTS), bytes(random, 8192 + random.nextInt(196_608)));
    }
  }

  private static void writeList(ListIndex<byte[]> list, SplittableRandom random) {
    if (random.nextInt(50) == 0) {
      list.clear();
    }
    int added = 5 + random.nextInt(35);
    for (int i = 0; i < added; i++) {
      list.add(bytes(random, smallSize(random)));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      list.set(random.nextLong(list.size()), bytes(random, smallSize(random)));
    }
    if (random.nextInt(8) == 0) {
      list.truncate(random.nextLong(list.size() + 1));
    } else if (random.nextInt(4) == 0) {
      list.removeLast();
    }
  }

  private static void writeKeys(KeySetIndex<Long> keys, SplittableRandom random) {
    for (int i = 10 + random.nextInt(20); i > 0; i--) {
      keys.add(random.nextLong(SET_KEYS));
    }
    for (int i = 5 + random.nextInt(10); i > 0; i--) {
      keys.remove(random.nextLong(SET_KEYS));
    }
  }

  private static void writeGroup(
      Group<Integer, MapIndex<String, byte[]>> group, SplittableRandom random) {
    for (int touched = 1 + random.nextInt(3); touched > 0; touched--) {
      MapIndex<String, byte[]> member = group.get(random.nextInt(GROUP_MEMBERS));
      if (random.nextInt(20) == 0) {
        member.clear();
      }
      for (int i = 5 + random.nextInt(25); i > 0; i--) {
        String key = "k" + random.nextInt(64);
        if (random.nextInt(5) == 0) {
          member.remove(key);
        } else {
          member.put(key, bytes(random, smallSize(random)));
        }
      }
    }
  }

  /** Mostly tiny values, some of a few kilobytes. */
  private static int smallSize(SplittableRandom random) {
    return random.nextInt(10) < 8 ? random.nextInt(100) : 100 + random.nextInt(4000);
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] out = new byte[size];
    random.nextBytes(out);
    return out;
  }
}
