package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.IndexTypeMismatchException;
import io.polyhost.api.storage.ReadOnlyStorageException;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.StorageException;
import io.polyhost.storage.MemoryRawIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProofMapIndexViewTest {
  private final MemoryRawIndex raw = new MemoryRawIndex("wallet.balances", IndexType.PROOF_MAP);
  private final ProofMapIndexView<String, Long> map =
      new ProofMapIndexView<>(raw, Serializers.string(), Serializers.int64(), true);

  @Test
  void emptyMapHashesTheZeroRootAndProvesAbsence() {
    assertThat(map.objectHash()).isEqualTo(Hashing.map(Hash.zero()));
    assertThat(ProofMapIndexView.objectHashOf(raw)).isEqualTo(map.objectHash());
    MapProof proof = map.proof(List.of("alice", "bob"));
    assertThat(proof.nodes()).isEmpty();
    VerifiedMapProof verified = proof.verify(map.objectHash());
    assertThat(verified.missing(Serializers.string())).containsExactlyInAnyOrder("alice", "bob");
  }

  @Test
  void singleEntryMapProvesItsEntryAndOtherKeysAbsence() {
    map.put("alice", 10L);
    Hash hash = map.objectHash();
    byte[] key = "alice".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(hash)
        .isEqualTo(
            Hashing.map(
                Hashing.mapSingleEntry(
                    MapKeyMode.HASHED.pathOf(key),
                    Hashing.value(Serializers.int64().encode(10L)))));
    assertThat(
            map.proof("alice")
                .verify(hash)
                .value("alice", Serializers.string(), Serializers.int64()))
        .contains(10L);
    MapProof absent = map.proof("bob");
    assertThat(absent.nodes()).hasSize(1);
    assertThat(absent.verify(hash).missing(Serializers.string())).containsExactly("bob");
  }

  @Test
  void proofsCoverEveryRequestedKeyOnceAndDecodeTyped() {
    Map<String, Long> model = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      map.put("user" + i, (long) i * 7);
      model.put("user" + i, (long) i * 7);
    }
    List<String> requested = List.of("user3", "user150", "nobody", "user3", "user199", "ghost");
    VerifiedMapProof verified = map.proof(requested).verify(map.objectHash());
    assertThat(verified.entries()).hasSize(5);
    assertThat(verified.present(Serializers.string(), Serializers.int64()))
        .containsOnly(
            Map.entry("user3", 21L), Map.entry("user150", 1050L), Map.entry("user199", 1393L));
    assertThat(verified.missing(Serializers.string())).containsExactlyInAnyOrder("nobody", "ghost");
    assertThatThrownBy(() -> verified.value("user4", Serializers.string(), Serializers.int64()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not cover key");
    assertThat(map.proof(List.copyOf(model.keySet())).verify(map.objectHash()).presentEntries())
        .hasSize(200);
  }

  @Test
  void hashedMapIteratesInKeyHashOrderAndStartsFromAKeysHash() {
    for (String k : List.of("a", "b", "c", "d", "e", "f")) {
      map.put(k, 1L);
    }
    List<String> expected = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
    expected.sort((x, y) ->
        Hash.sha256(x.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .compareTo(Hash.sha256(y.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    List<String> keys = new ArrayList<>();
    map.keys().forEachRemaining(keys::add);
    assertThat(keys).isEqualTo(expected);
    List<String> from = new ArrayList<>();
    map.entriesFrom(expected.get(2)).forEachRemaining(e -> from.add(e.getKey()));
    assertThat(from).isEqualTo(expected.subList(2, 6));
    List<Long> values = new ArrayList<>();
    map.values().forEachRemaining(values::add);
    assertThat(values).hasSize(6).containsOnly(1L);
  }

  @Test
  void rawMapUsesKeysAsPathsAndRejectsOtherLengths() {
    ProofMapIndexView<byte[], String> rawMap =
        new ProofMapIndexView<>(
            new MemoryRawIndex("keys", IndexType.PROOF_MAP),
            Serializers.bytes(),
            Serializers.string(),
            false);
    HexFormat hex = HexFormat.of();
    byte[] k1 = hex.parseHex("ff".repeat(32));
    byte[] k2 = hex.parseHex("00".repeat(32));
    rawMap.put(k1, "last");
    rawMap.put(k2, "first");
    Iterator<Map.Entry<byte[], String>> it = rawMap.entries();
    assertThat(it.next().getValue()).isEqualTo("first");
    assertThat(it.next().getValue()).isEqualTo("last");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(() -> rawMap.put(new byte[31], "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Proof map 'keys'")
        .hasMessageContaining("exactly 32 bytes, got 31");
    assertThatThrownBy(() -> rawMap.get(new byte[33])).hasMessageContaining("got 33");
    assertThatThrownBy(() -> rawMap.proof(new byte[0])).hasMessageContaining("got 0");
  }

  @Test
  void removeClearAndContains() {
    map.put("a", 1L);
    map.put("b", 2L);
    Hash withBoth = map.objectHash();
    map.remove("b");
    map.remove("zzz");
    assertThat(map.containsKey("b")).isFalse();
    assertThat(map.get("a")).contains(1L);
    map.put("b", 2L);
    assertThat(map.objectHash()).isEqualTo(withBoth);
    map.clear();
    assertThat(map.entries().hasNext()).isFalse();
    assertThat(map.objectHash()).isEqualTo(Hashing.map(Hash.zero()));
    assertThat(raw.iterator().hasNext()).isFalse();
  }

  @Test
  void pendingChangesAreAppliedOnceAndLeaveNoMarks() {
    for (int i = 0; i < 50; i++) {
      map.put("k" + i, (long) i);
    }
    Hash hash = ProofMapIndexView.objectHashOf(raw);
    List<String> regions = new ArrayList<>();
    raw.iterator().forEachRemaining(e -> regions.add(Integer.toString(e.key()[0])));
    assertThat(regions).doesNotContain(Integer.toString(TrieKeys.PENDING));
    assertThat(map.objectHash()).isEqualTo(hash);
  }

  @Test
  void aReadOnlySnapshotWithPendingChangesAnswersWithoutWriting() {
    for (int i = 0; i < 100; i++) {
      map.put("k" + i, (long) i);
    }
    MemoryRawIndex reference = new MemoryRawIndex("other", IndexType.PROOF_MAP);
    ProofMapIndexView<String, Long> flushed =
        new ProofMapIndexView<>(reference, Serializers.string(), Serializers.int64(), true);
    for (int i = 0; i < 100; i++) {
      flushed.put("k" + i, (long) i);
    }
    Hash expected = flushed.objectHash();
    raw.readOnly();
    ProofMapIndexView<String, Long> snapshot =
        new ProofMapIndexView<>(raw, Serializers.string(), Serializers.int64(), true);
    assertThat(snapshot.objectHash()).isEqualTo(expected);
    assertThat(ProofMapIndexView.objectHashOf(raw)).isEqualTo(expected);
    assertThat(snapshot.proof(List.of("k5", "nope")).verify(expected).entries()).hasSize(2);
    assertThatThrownBy(() -> snapshot.put("x", 1L)).isInstanceOf(ReadOnlyStorageException.class);
    assertThatThrownBy(() -> snapshot.remove("k1")).isInstanceOf(ReadOnlyStorageException.class);
  }

  @Test
  void refusesOtherIndexTypesAndTheOtherKeyMode() {
    MemoryRawIndex list = new MemoryRawIndex("list", IndexType.LIST);
    assertThatThrownBy(
            () -> new ProofMapIndexView<>(list, Serializers.string(), Serializers.string(), true))
        .isInstanceOf(IndexTypeMismatchException.class)
        .hasMessageContaining("is a LIST and cannot be opened as a PROOF_MAP");
    assertThatThrownBy(() -> ProofMapIndexView.objectHashOf(list))
        .isInstanceOf(IndexTypeMismatchException.class);

    map.put("a", 1L);
    map.objectHash();
    assertThatThrownBy(
            () -> new ProofMapIndexView<>(raw, Serializers.bytes(), Serializers.int64(), false))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("holds HASHED keys and cannot be opened with RAW keys");
  }

  @Test
  void rejectsOversizedKeys() {
    String big = "x".repeat(5000);
    assertThatThrownBy(() -> map.put(big, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Key of 5000 bytes for proof map 'wallet.balances'; at most 4096");
  }

  @Test
  void equalContentGivesEqualStoredBytesWhateverTheHistory() {
    CheckpointRawIndex a = new CheckpointRawIndex("a");
    CheckpointRawIndex b = new CheckpointRawIndex("b");
    ProofMapIndexView<String, Long> ma =
        new ProofMapIndexView<>(a, Serializers.string(), Serializers.int64(), true);
    ProofMapIndexView<String, Long> mb =
        new ProofMapIndexView<>(b, Serializers.string(), Serializers.int64(), true);
    for (int i = 0; i < 300; i++) {
      ma.put("k" + i, (long) i);
      if (i % 37 == 0) {
        ma.objectHash();
      }
    }
    for (int i = 399; i >= 0; i--) {
      mb.put("k" + i, -1L);
    }
    mb.objectHash();
    for (int i = 0; i < 400; i++) {
      if (i < 300) {
        mb.put("k" + i, (long) i);
      } else {
        mb.remove("k" + i);
      }
    }
    assertThat(ma.objectHash()).isEqualTo(mb.objectHash());
    assertThat(dump(a)).isEqualTo(dump(b));
  }

  private static List<String> dump(CheckpointRawIndex raw) {
    List<String> out = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    raw.contents().forEach((k, v) -> out.add(hex.formatHex(k) + "=" + hex.formatHex(v)));
    out.add("state=" + hex.formatHex(raw.state() == null ? new byte[0] : raw.state()));
    return out;
  }
}
