package io.polyhost.api.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.Serializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the map hashing scheme with hashes computed byte by byte, independently of the code. */
class MapProofSchemeTest {
  private static final byte[] K1 = key(0x00);
  private static final byte[] K2 = key(0xc0);
  private static final byte[] K3 = key(0xe0);

  @Test
  void emptyMapHashesTheZeroRoot() {
    MapProof proof = new MapProof(MapKeyMode.RAW, List.of(MapProofEntry.missing(K1)), List.of());
    Hash expected = sha(bytes(0x03), new byte[32]);
    assertThat(proof.verify(expected).missingKeys()).containsExactly(K1);
  }

  @Test
  void singleEntryRootCoversPathAndValueHash() {
    byte[] value = "one".getBytes(StandardCharsets.UTF_8);
    Hash root = sha(bytes(0x04), bytes(0x01, 0x00), K2, valueHash(value).toBytes());
    Hash mapHash = sha(bytes(0x03), root.toBytes());

    MapProof present =
        new MapProof(MapKeyMode.RAW, List.of(MapProofEntry.present(K2, value)), List.of());
    assertThat(present.verify(mapHash).value(K2)).contains(value);

    MapProof absent =
        new MapProof(
            MapKeyMode.RAW,
            List.of(MapProofEntry.missing(K1)),
            List.of(new MapProofNode(ProofPath.ofKey(K2), valueHash(value))));
    assertThat(absent.verify(mapHash).value(K1)).isEmpty();
  }

  @Test
  void branchesCoverChildHashesThenChildPaths() {
    // K1 = 0..., K2 = 110..., K3 = 111...: root branch at the empty path; left leaf K1, right a
    // branch at "11" over K2 and K3.
    byte[] v1 = {1};
    byte[] v2 = {2};
    byte[] v3 = {3};
    Hash inner =
        sha(
            bytes(0x04),
            valueHash(v2).toBytes(),
            valueHash(v3).toBytes(),
            bytes(0x01, 0x00),
            K2,
            bytes(0x01, 0x00),
            K3);
    Hash root =
        sha(
            bytes(0x04),
            valueHash(v1).toBytes(),
            inner.toBytes(),
            bytes(0x01, 0x00),
            K1,
            bytes(0x00, 0x02, 0xc0));
    Hash mapHash = sha(bytes(0x03), root.toBytes());

    MapProof proof =
        new MapProof(
            MapKeyMode.RAW,
            List.of(MapProofEntry.present(K1, v1), MapProofEntry.missing(key(0x80))),
            List.of(new MapProofNode(ProofPath.ofKey(K2).prefix(2), inner)));
    VerifiedMapProof verified = proof.verify(mapHash);
    assertThat(verified.value(K1)).contains(v1);
    assertThat(verified.missingKeys()).containsExactly(key(0x80));
    assertThat(verified.present(Serializers.bytes(), Serializers.bytes())).hasSize(1);

    // 0x80... lies outside "11": proven absent. 0xd0... lies inside "11": not proven.
    MapProof hiding =
        new MapProof(
            MapKeyMode.RAW,
            List.of(MapProofEntry.present(K1, v1), MapProofEntry.missing(key(0xd0))),
            List.of(new MapProofNode(ProofPath.ofKey(K2).prefix(2), inner)));
    assertThatThrownBy(() -> hiding.verify(mapHash))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("is marked missing, but its path lies inside proof node 0 at c0/2");
  }

  @Test
  void hashedKeysUseTheKeyHashAsPath() {
    byte[] key = "alice".getBytes(StandardCharsets.UTF_8);
    byte[] value = {42};
    Hash root =
        sha(bytes(0x04), bytes(0x01, 0x00), Hash.sha256(key).toBytes(), valueHash(value).toBytes());
    MapProof proof =
        new MapProof(MapKeyMode.HASHED, List.of(MapProofEntry.present(key, value)), List.of());
    assertThat(proof.verify(sha(bytes(0x03), root.toBytes())).value(key)).contains(value);
  }

  private static byte[] key(int first) {
    byte[] k = new byte[32];
    k[0] = (byte) first;
    return k;
  }

  private static Hash valueHash(byte[] value) {
    return sha(bytes(0x00), value);
  }

  private static Hash sha(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return Hash.sha256(out.toByteArray());
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
