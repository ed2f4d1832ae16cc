package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.MapProofEntry;
import io.polyhost.api.proof.MapProofNode;
import io.polyhost.api.proof.ProofPath;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proto.MapProofProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of tampering with a valid proof must be rejected, with a message that says why. */
class MapProofTamperTest {
  private final long seed = ProofFixtures.seed();
  private final Random rnd = new Random(seed);
  private MapKeyMode mode = MapKeyMode.RAW;
  private ProofMapIndexView<byte[], byte[]> map = ProofFixtures.rawMap("unused");
  private List<byte[]> keys = List.of();
  private Hash hash = Hash.zero();
  private final List<MapProof> proofs = new ArrayList<>();

  /** A map of 300 keys in {@code keyMode} and proofs of various key sets. */
  private void setUp(MapKeyMode keyMode) {
    mode = keyMode;
    map = keyMode == MapKeyMode.RAW ? ProofFixtures.rawMap("tamper") : ProofFixtures.hashedMap("t");
    keys = ProofFixtures.fillRaw(map, 300, rnd);
    hash = map.objectHash();
    for (int count : new int[] {1, 1, 3, 10, 30}) {
      proofs.add(map.proof(ProofFixtures.mixedKeys(keys, count, rnd)));
    }
    byte[] absent = new byte[32];
    rnd.nextBytes(absent);
    proofs.add(map.proof(List.of(absent)));
    proofs.add(map.proof(List.of()));
    for (MapProof p : proofs) {
      p.verify(hash);
    }
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void changedValues(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      for (int i = 0; i < p.entries().size(); i++) {
        MapProofEntry e = p.entries().get(i);
        if (e.isPresent()) {
          byte[] v = e.value().orElseThrow();
          byte[] flipped = v.clone();
          flipped[rnd.nextInt(v.length)] ^= (byte) (1 << rnd.nextInt(8));
          rejected(withEntry(p, i, MapProofEntry.present(e.key(), flipped)), "map hash");
          byte[] longer = java.util.Arrays.copyOf(v, v.length + 1);
          rejected(withEntry(p, i, MapProofEntry.present(e.key(), longer)), "map hash");
          rejected(withEntry(p, i, MapProofEntry.missing(e.key())), null);
        } else {
          rejected(withEntry(p, i, MapProofEntry.present(e.key(), new byte[] {1})), null);
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void flippedHashBits(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      for (int i = 0; i < p.nodes().size(); i++) {
        MapProofNode n = p.nodes().get(i);
        for (int trial = 0; trial < 8; trial++) {
          byte[] h = n.hash().toBytes();
          h[rnd.nextInt(32)] ^= (byte) (1 << rnd.nextInt(8));
          rejected(withNode(p, i, new MapProofNode(n.path(), Hash.of(h))), "map hash");
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void flippedPathBitsAndChangedLengths(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      for (int i = 0; i < p.nodes().size(); i++) {
        MapProofNode n = p.nodes().get(i);
        ProofPath path = n.path();
        for (int bit = 0; bit < path.length(); bit++) {
          rejected(withNode(p, i, new MapProofNode(flip(path, bit), n.hash())), null);
        }
        rejected(withNode(p, i, new MapProofNode(path.prefix(path.length() - 1), n.hash())), null);
        if (!path.isLeaf()) {
          for (int b = 0; b < 2; b++) {
            rejected(withNode(p, i, new MapProofNode(extend(path, b), n.hash())), null);
          }
        }
      }
    });
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void droppedAddedAndReorderedNodes(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      for (int i = 0; i < p.nodes().size(); i++) {
        List<MapProofNode> nodes = new ArrayList<>(p.nodes());
        MapProofNode removed = nodes.remove(i);
        rejected(new MapProof(p.keyMode(), p.entries(), nodes), null);
        nodes.add(i, removed);
        nodes.add(i, removed);
        rejected(new MapProof(p.keyMode(), p.entries(), nodes), "same path");
        if (removed.path().length() > 1) {
          List<MapProofNode> withPrefix = new ArrayList<>(p.nodes());
          withPrefix.add(
              i,
              new MapProofNode(removed.path().prefix(removed.path().length() - 1), removed.hash()));
          withPrefix.sort((a, b) -> a.path().compareTo(b.path()));
          rejected(new MapProof(p.keyMode(), p.entries(), withPrefix), "contains");
        }
        if (i + 1 < p.nodes().size()) {
          List<MapProofNode> swapped = new ArrayList<>(p.nodes());
          Collections.swap(swapped, i, i + 1);
          rejected(new MapProof(p.keyMode(), p.entries(), swapped), "sorted by path");
        }
        List<MapProofNode> extra = new ArrayList<>(p.nodes());
        extra.add(i, new MapProofNode(randomLeafPath(), removed.hash()));
        Collections.sort(extra, (a, b) -> a.path().compareTo(b.path()));
        rejected(new MapProof(p.keyMode(), p.entries(), extra), null);
      }
      List<MapProofNode> empty = new ArrayList<>(p.nodes());
      empty.add(0, new MapProofNode(ProofPath.empty(), hash));
      rejected(new MapProof(p.keyMode(), p.entries(), empty), "empty path");
    });
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void duplicatedReorderedAndReplacedKeys(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      for (int i = 0; i < p.entries().size(); i++) {
        List<MapProofEntry> dup = new ArrayList<>(p.entries());
        dup.add(i, p.entries().get(i));
        rejected(new MapProof(p.keyMode(), dup, p.nodes()), "repeat the same key");
        if (i + 1 < p.entries().size()) {
          List<MapProofEntry> swapped = new ArrayList<>(p.entries());
          Collections.swap(swapped, i, i + 1);
          rejected(new MapProof(p.keyMode(), swapped, p.nodes()), "sorted by path");
        }
        MapProofEntry e = p.entries().get(i);
        byte[] otherKey = e.key();
        otherKey[rnd.nextInt(32)] ^= 1;
        MapProofEntry replaced =
            e.isPresent()
                ? MapProofEntry.present(otherKey, e.value().orElseThrow())
                : MapProofEntry.missing(otherKey);
        List<MapProofEntry> entries = new ArrayList<>(p.entries());
        entries.set(i, replaced);
        entries.sort((a, b) -> mode.pathOf(a.key()).compareTo(mode.pathOf(b.key())));
        rejectedOrTrue(new MapProof(p.keyMode(), entries, p.nodes()));
        if (mode == MapKeyMode.RAW) {
          byte[] shortKey = java.util.Arrays.copyOf(e.key(), 31);
          rejected(withEntry(p, i, MapProofEntry.missing(shortKey)), "exactly 32 bytes");
        }
      }
      // Read with the other key mode, a present key moves to another leaf and breaks the root.
      // (Missing keys alone may stay provably absent there: that is true, not forged.)
      if (p.entries().stream().anyMatch(MapProofEntry::isPresent)) {
        MapKeyMode other = mode == MapKeyMode.RAW ? MapKeyMode.HASHED : MapKeyMode.RAW;
        rejected(new MapProof(other, p.entries(), p.nodes()), null);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void absenceMustBeProvenNotClaimed(MapKeyMode keyMode) {
    setUp(keyMode);
    // A key of the map that lies inside a node of a proof about other keys: claiming it missing
    // hides it.
    int hidden = 0;
    for (MapProof p : proofs) {
      for (MapProofNode n : p.nodes()) {
        for (byte[] k : keys) {
          if (mode.pathOf(k).startsWith(n.path()) && !covers(p, k)) {
            List<MapProofEntry> entries = new ArrayList<>(p.entries());
            entries.add(MapProofEntry.missing(k));
            entries.sort((a, b) -> mode.pathOf(a.key()).compareTo(mode.pathOf(b.key())));
            rejected(new MapProof(p.keyMode(), entries, p.nodes()), "is marked missing, but");
            hidden++;
            break;
          }
        }
      }
    }
    assertThat(hidden).as("seed %s: cases exercised", seed).isGreaterThan(10);
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void wrongRootAndLoneBranch(MapKeyMode keyMode) {
    setUp(keyMode);
    forEachProof(p -> {
      byte[] h = hash.toBytes();
      h[rnd.nextInt(32)] ^= 1;
      assertThatThrownBy(() -> p.verify(Hash.of(h)))
          .as("seed %s", seed)
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageContaining("the expected map hash is " + Hash.of(h));
    });
    // In a map whose keys all start with 0xab, the proof that 0x00... is absent is the two
    // children of the root. Replacing them by the root branch itself gives the right root hash,
    // but a lone branch does not bind its own path: it could then "prove" absent a key that is
    // present. The verifier refuses a lone branch outright.
    ProofMapIndexView<byte[], byte[]> prefixed = ProofFixtures.rawMap("prefixed");
    for (int i = 0; i < 20; i++) {
      byte[] k = new byte[32];
      rnd.nextBytes(k);
      k[0] = (byte) 0xab;
      prefixed.put(k, new byte[] {(byte) i});
    }
    Hash prefixedHash = prefixed.objectHash();
    byte[] outside = new byte[32];
    MapProof none = prefixed.proof(outside);
    none.verify(prefixedHash);
    assertThat(none.nodes()).hasSize(2);
    MapProofNode l = none.nodes().get(0);
    MapProofNode r = none.nodes().get(1);
    ProofPath rootPath = l.path().prefix(l.path().commonPrefixLength(r.path()));
    assertThat(rootPath.length()).isGreaterThanOrEqualTo(8);
    Hash rootHash = Hashing.mapBranch(l.path(), l.hash(), r.path(), r.hash());
    assertThat(Hashing.map(rootHash)).isEqualTo(prefixedHash);
    MapProof lone =
        new MapProof(
            MapKeyMode.RAW,
            List.of(MapProofEntry.missing(outside)),
            List.of(new MapProofNode(rootPath, rootHash)));
    assertThatThrownBy(() -> lone.verify(prefixedHash))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("a branch; a proof of a map with several entries needs");
  }

  @ParameterizedTest
  @EnumSource(MapKeyMode.class)
  void everyFlippedBitOfTheEncodingIsRejectedOrStillTrue(MapKeyMode keyMode) throws Exception {
    setUp(keyMode);
    MapProof p = proofs.get(2);
    byte[] bytes = p.toProto().toByteArray();
    int rejectedCount = 0;
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] b = bytes.clone();
      b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
      MapProof decoded;
      try {
        decoded = MapProof.fromProto(MapProofProto.parseFrom(b), mode);
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        rejectedCount++;
        continue;
      }
      // A flip can turn an entry into an unknown field the parser skips: a valid proof of fewer
      // keys. What must never happen is an accepted proof that states something false.
      if (!rejectedOrTrue(decoded)) {
        rejectedCount++;
      }
    }
    // Flipping a bit of a missing key often names another provably absent key: a true statement.
    // The count only guards against a vacuous run.
    assertThat(rejectedCount).as("seed %s", seed).isGreaterThan(bytes.length * 8 / 2);
  }

  private boolean covers(MapProof p, byte[] key) {
    return p.entries().stream().anyMatch(e -> java.util.Arrays.equals(e.key(), key));
  }

  private void forEachProof(java.util.function.Consumer<MapProof> check) {
    for (MapProof p : proofs) {
      check.accept(p);
    }
  }

  private void rejected(MapProof tampered, @Nullable String messagePart) {
    var assertion =
        assertThatThrownBy(() -> tampered.verify(hash))
            .as("seed %s: %s", seed, tampered)
            .isInstanceOf(ProofVerificationException.class);
    if (messagePart != null) {
      assertion.hasMessageContaining(messagePart);
    }
  }

  /**
   * Checks that {@code proof} is rejected or proves only the truth about the map; returns whether
   * it was accepted.
   */
  private boolean rejectedOrTrue(MapProof proof) {
    try {
      proof.verify(hash);
    } catch (ProofVerificationException e) {
      return false;
    }
    for (MapProofEntry e : proof.entries()) {
      assertThat(map.get(e.key()).orElse(null))
          .as("seed %s: accepted %s", seed, proof)
          .isEqualTo(e.value().orElse(null));
    }
    return true;
  }

  private static MapProof withEntry(MapProof p, int i, MapProofEntry e) {
    List<MapProofEntry> entries = new ArrayList<>(p.entries());
    entries.set(i, e);
    return new MapProof(p.keyMode(), entries, p.nodes());
  }

  private static MapProof withNode(MapProof p, int i, MapProofNode n) {
    List<MapProofNode> nodes = new ArrayList<>(p.nodes());
    nodes.set(i, n);
    return new MapProof(p.keyMode(), p.entries(), nodes);
  }

  private static ProofPath flip(ProofPath path, int bit) {
    byte[] k = path.toKeyBytes();
    k[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return ProofPath.ofKey(k).prefix(path.length());
  }

  private static ProofPath extend(ProofPath path, int bit) {
    byte[] k = path.toKeyBytes();
    int at = path.length();
    if (bit == 1) {
      k[at / 8] |= (byte) (0x80 >>> (at % 8));
    }
    return ProofPath.ofKey(k).prefix(at + 1);
  }

  private ProofPath randomLeafPath() {
    byte[] k = new byte[32];
    rnd.nextBytes(k);
    return ProofPath.ofKey(k);
  }
}
