package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.MapProofEntry;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded model test of {@link ProofMapIndexView} against a sorted map, runnable over any {@link
 * RawIndex}: extend it and supply the raw index (and, if available, fork flush and rollback).
 *
 * <p>Random puts, removals, clears, flushes and rollbacks are checked against the model: contents,
 * iteration order, the object hash against {@link ReferenceTrie}, and proofs for random key sets.
 * Set {@code -Dpolyhost.seed=N} to replay a failure.
 */
public abstract class ProofMapModelContract {
  private static final int OPERATIONS = 4000;
  private static final int KEY_POOL = 400;

  /** A new, empty, writable raw index of type {@code PROOF_MAP}. */
  protected abstract RawIndex newIndex(String name);

  /** Makes the changes so far durable (a fork flush); returns the raw index to go on with. */
  protected RawIndex flush(RawIndex raw) {
    return raw;
  }

  /**
   * Discards the changes since the last {@link #flush}; returns the raw index to go on with, or
   * {@code null} if the raw index cannot roll back.
   */
  protected @Nullable RawIndex rollback(RawIndex raw) {
    return null;
  }

  @ParameterizedTest(name = "hashedKeys={0}")
  @ValueSource(booleans = {true, false})
  public void randomOperationsMatchTheModel(boolean hashed) {
    long seed = Long.getLong("polyhost.seed", System.nanoTime());
    System.out.println(getClass().getSimpleName() + " hashedKeys=" + hashed + " seed=" + seed);
    new Run(seed, hashed).execute();
  }

  /** One seeded run: the view under test, the model and the model as of the last flush. */
  private final class Run {
    private final long seed;
    private final Random rnd;
    private final MapKeyMode mode;
    private final List<byte[]> pool;
    private RawIndex raw;
    private ProofMapIndexView<byte[], byte[]> view;
    private TreeMap<String, byte[][]> model = new TreeMap<>();
    private TreeMap<String, byte[][]> flushed = new TreeMap<>();

    Run(long seed, boolean hashed) {
      this.seed = seed;
      this.rnd = new Random(seed);
      this.mode = hashed ? MapKeyMode.HASHED : MapKeyMode.RAW;
      this.pool = keyPool(rnd, hashed);
      this.raw = newIndex(hashed ? "model.hashed" : "model.raw");
      this.view = open();
    }

    void execute() {
      for (int op = 0; op < OPERATIONS; op++) {
        int r = rnd.nextInt(1000);
        if (r < 550) {
          byte[] key = pick();
          byte[] value = new byte[rnd.nextInt(12)];
          rnd.nextBytes(value);
          view.put(key, value);
          model.put(pathHex(key), new byte[][] {key, value});
        } else if (r < 750) {
          byte[] key = pick();
          view.remove(key);
          model.remove(pathHex(key));
        } else if (r < 753) {
          view.clear();
          model.clear();
        } else if (r < 800) {
          raw = flush(raw);
          flushed = new TreeMap<>(model);
          view = open();
        } else if (r < 830) {
          RawIndex rolledBack = rollback(raw);
          if (rolledBack != null) {
            raw = rolledBack;
            model = new TreeMap<>(flushed);
            view = open();
          }
        } else if (r < 900) {
          checkHash(op);
        } else if (r < 930) {
          checkContents(op);
        } else if (r < 970) {
          checkProof(op);
        } else if (r < 980) {
          view = open();
        } else {
          byte[] key = pick();
          byte[][] expected = model.get(pathHex(key));
          assertThat(view.containsKey(key)).as(at(op)).isEqualTo(expected != null);
          assertThat(view.get(key).orElse(null))
              .as(at(op))
              .isEqualTo(expected == null ? null : expected[1]);
        }
      }
      checkContents(OPERATIONS);
      checkHash(OPERATIONS);
      checkProof(OPERATIONS);
    }

    private ProofMapIndexView<byte[], byte[]> open() {
      return new ProofMapIndexView<>(
          raw, Serializers.bytes(), Serializers.bytes(), mode == MapKeyMode.HASHED);
    }

    private void checkHash(int op) {
      TreeMap<String, byte[]> leaves = new TreeMap<>();
      model.forEach((path, kv) -> leaves.put(path, kv[1]));
      var expected = ReferenceTrie.mapHash(leaves);
      // Both entry points must agree; which runs first decides who applies pending changes.
      if (rnd.nextBoolean()) {
        assertThat(ProofMapIndexView.objectHashOf(raw)).as(at(op)).isEqualTo(expected);
      }
      assertThat(view.objectHash())
          .as(at(op) + " model " + ReferenceTrie.describe(leaves))
          .isEqualTo(expected);
    }

    private void checkContents(int op) {
      List<String> expected = new ArrayList<>();
      model.values().forEach(kv -> expected.add(hex(kv[0]) + "=" + hex(kv[1])));
      List<String> actual = new ArrayList<>();
      view.entries().forEachRemaining(e -> actual.add(hex(e.getKey()) + "=" + hex(e.getValue())));
      assertThat(actual).as(at(op) + " entries in path order").isEqualTo(expected);
      List<String> keys = new ArrayList<>();
      view.keys().forEachRemaining(k -> keys.add(hex(k)));
      assertThat(keys).as(at(op)).isEqualTo(model.values().stream().map(kv -> hex(kv[0])).toList());
      if (!model.isEmpty()) {
        Map.Entry<String, byte[][]> start =
            new ArrayList<>(model.entrySet()).get(rnd.nextInt(model.size()));
        String from = start.getKey();
        byte[] fromKey = start.getValue()[0];
        Iterator<Map.Entry<byte[], byte[]>> it = view.entriesFrom(fromKey);
        assertThat(hex(it.next().getKey())).as(at(op) + " entriesFrom").isEqualTo(hex(fromKey));
        int rest = 0;
        while (it.hasNext()) {
          it.next();
          rest++;
        }
        assertThat(rest).as(at(op)).isEqualTo(model.tailMap(from, false).size());
      }
    }

    private void checkProof(int op) {
      int count = 1 + rnd.nextInt(50);
      List<byte[]> keys = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        keys.add(pick());
      }
      MapProof proof = view.proof(keys);
      VerifiedMapProof verified = proof.verify(view.objectHash());
      TreeMap<String, String> expected = new TreeMap<>();
      for (byte[] key : keys) {
        byte[][] kv = model.get(pathHex(key));
        expected.put(pathHex(key), hex(key) + (kv == null ? " missing" : "=" + hex(kv[1])));
      }
      List<String> actual = new ArrayList<>();
      for (MapProofEntry e : verified.entries()) {
        actual.add(hex(e.key()) + e.value().map(v -> "=" + hex(v)).orElse(" missing"));
      }
      assertThat(actual).as(at(op) + " proven entries").isEqualTo(List.copyOf(expected.values()));
      MapProof decoded = MapProof.fromProto(proof.toProto(), mode);
      assertThat(decoded).as(at(op)).isEqualTo(proof);
      assertThat(decoded.verify(view.objectHash()).entries()).isEqualTo(verified.entries());
    }

    private byte[] pick() {
      return pool.get(rnd.nextInt(pool.size()));
    }

    private String pathHex(byte[] key) {
      return ReferenceTrie.hex(mode.pathOf(key).toKeyBytes());
    }

    private String at(int op) {
      return "seed " + seed + " (" + mode + " keys), operation " + op;
    }
  }

  /**
   * Keys for a run: for raw keys, clusters of 32-byte keys sharing long prefixes, so that branches
   * deep in the trie are created and collapsed; for hashed keys, short strings including the empty
   * one.
   */
  private static List<byte[]> keyPool(Random rnd, boolean hashed) {
    List<byte[]> pool = new ArrayList<>();
    if (hashed) {
      pool.add(new byte[0]);
      while (pool.size() < KEY_POOL) {
        byte[] k = new byte[1 + rnd.nextInt(6)];
        rnd.nextBytes(k);
        pool.add(k);
      }
      return pool;
    }
    while (pool.size() < KEY_POOL) {
      byte[] base = new byte[32];
      rnd.nextBytes(base);
      int cluster = 1 + rnd.nextInt(8);
      for (int i = 0; i < cluster; i++) {
        byte[] k = base.clone();
        int bit = rnd.nextInt(256);
        k[bit / 8] ^= (byte) (1 << (7 - bit % 8));
        pool.add(k);
      }
    }
    return pool;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
