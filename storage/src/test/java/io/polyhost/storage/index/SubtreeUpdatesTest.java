package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofMapIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.DatabaseOptions;
import io.polyhost.storage.Fork;
import io.polyhost.storage.MemoryRawIndex;
import io.polyhost.storage.RawEntry;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.StorageAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying a batch on two threads gives the trie, hashes and stored bytes of one thread. */
class SubtreeUpdatesTest {
  private static final long SEED = Seeds.pick("SubtreeUpdatesTest");

  @Test
  void twoThreadsStoreExactlyWhatOneThreadStores() {
    Random random = new Random(SEED);
    for (int run = 0; run < 12; run++) {
      MemoryRawIndex parallel = new MemoryRawIndex("p", IndexType.PROOF_MAP);
      MemoryRawIndex sequential = new MemoryRawIndex("s", IndexType.PROOF_MAP);
      List<byte[]> present = new ArrayList<>();
      // Keys drawn from a few clusters, so that subtrees below the root page differ in size,
      // some get no change and some lose every leaf.
      int clusterBits = random.nextInt(12);
      for (int batch = 0; batch < 8; batch++) {
        int size = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(1500);
        for (int i = 0; i < size; i++) {
          if (!present.isEmpty() && random.nextInt(3) == 0) {
            byte[] key = present.remove(random.nextInt(present.size()));
            view(parallel).remove(key);
            view(sequential).remove(key);
          } else {
            byte[] key = new byte[32];
            random.nextBytes(key);
            if (clusterBits < 8) {
              // Only the first clusterBits bits vary in the first byte.
              key[0] = (byte) (key[0] & 0xff00 >>> clusterBits);
            }
            byte[] value = new byte[1 + random.nextInt(8)];
            random.nextBytes(value);
            present.add(key);
            view(parallel).put(key, value);
            view(sequential).put(key, value);
          }
        }
        if (random.nextInt(6) == 0) {
          // Empty the map in one batch now and then.
          for (byte[] key : present) {
            view(parallel).remove(key);
            view(sequential).remove(key);
          }
          present.clear();
        }
        assertThat(Trie.open(parallel, MapKeyMode.RAW, 1).mapHash())
            .as("seed %s run %s batch %s", SEED, run, batch)
            .isEqualTo(Trie.open(sequential, MapKeyMode.RAW, Integer.MAX_VALUE).mapHash());
        assertThat(dump(parallel))
            .as("seed %s run %s batch %s", SEED, run, batch)
            .isEqualTo(dump(sequential));
      }
    }
  }

  @TempDir Path dir;

  /**
   * A database (with its page cache, and the helper putting pages into it late) and a memory index
   * updated on one thread agree on the hash after every batch, and the database's proofs check out
   * against it, also after reopening.
   */
  @Test
  void aDatabaseUpdatedOnTwoThreadsHashesAsOneThreadDoes() {
    Random random = new Random(SEED + 1);
    IndexAddress address = IndexAddress.of("svc.map");
    MemoryRawIndex sequential = new MemoryRawIndex("s", IndexType.PROOF_MAP);
    List<byte[]> present = new ArrayList<>();
    DatabaseOptions options = DatabaseOptions.defaults().withPageCacheBytes(1 << 20);
    try (RocksDbDatabase db = RocksDbDatabase.open(dir, options)) {
      for (int batch = 0; batch < 30; batch++) {
        try (Fork fork = db.fork()) {
          ProofMapIndex<byte[], byte[]> map = map(fork, address);
          int size = 256 + random.nextInt(1500);
          for (int i = 0; i < size; i++) {
            if (!present.isEmpty() && random.nextInt(4) == 0) {
              byte[] key = present.remove(random.nextInt(present.size()));
              map.remove(key);
              hashed(sequential).remove(key);
            } else {
              // At least 8 random bytes: a key put twice would stay in `present` once removed.
              byte[] key = new byte[8 + random.nextInt(33)];
              random.nextBytes(key);
              byte[] value = new byte[random.nextInt(70)];
              random.nextBytes(value);
              present.add(key);
              map.put(key, value);
              hashed(sequential).put(key, value);
            }
          }
          db.merge(fork.intoPatch());
        }
        Hash expected = Trie.open(sequential, null, Integer.MAX_VALUE).mapHash();
        try (Snapshot s = db.snapshot()) {
          assertThat(map(s, address).objectHash())
              .as("seed %s batch %s", SEED, batch)
              .isEqualTo(expected);
        }
      }
    }
    Hash expected = Trie.open(sequential, null, Integer.MAX_VALUE).mapHash();
    try (RocksDbDatabase db = RocksDbDatabase.open(dir, options);
        Snapshot s = db.snapshot()) {
      ProofMapIndex<byte[], byte[]> map = map(s, address);
      assertThat(map.objectHash()).as("seed %s", SEED).isEqualTo(expected);
      for (int i = 0; i < 50 && i < present.size(); i++) {
        byte[] key = present.get(random.nextInt(present.size()));
        MapProof proof = map.proof(key);
        assertThat(
                proof
                    .verify(expected)
                    .value(key, Serializers.bytes(), Serializers.bytes())
                    .orElse(null))
            .as("seed %s", SEED)
            .isEqualTo(map.get(key).orElseThrow());
      }
    }
  }

  private static ProofMapIndex<byte[], byte[]> map(StorageAccess access, IndexAddress address) {
    return IndexViews.over(access).proofMap(address, Serializers.bytes(), Serializers.bytes());
  }

  private static ProofMapIndexView<byte[], byte[]> hashed(MemoryRawIndex raw) {
    return new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.bytes(), true);
  }

  private static ProofMapIndexView<byte[], byte[]> view(MemoryRawIndex raw) {
    return new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.bytes(), false);
  }

  /** Every entry and the state, in hex. */
  private static List<String> dump(MemoryRawIndex raw) {
    HexFormat hex = HexFormat.of();
    List<String> out = new ArrayList<>();
    Iterator<RawEntry> it = raw.iterator(new byte[0]);
    while (it.hasNext()) {
      RawEntry e = it.next();
      out.add(hex.formatHex(e.key()) + "=" + hex.formatHex(e.value()));
    }
    byte[] state = raw.state();
    out.add("state=" + (state == null ? "-" : hex.formatHex(state)));
    return out;
  }
}
