package io.polyhost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.AdditionalHeaders;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.Precommit;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.Snapshot;
import io.polyhost.storage.index.IndexViews;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proven reads built from a real database and a really signed block, in the node's answer shape:
 * they verify, and every tampering or wrong key is refused.
 */
class StateProofTest {
  private static final Serializer<byte[]> RAW = Serializers.bytes();
  private static final HexFormat HEX = HexFormat.of();
  private static final KeyPair VALIDATOR = KeyPair.fromSeed(new byte[32]);
  private static final List<PublicKey> TRUSTED = List.of(VALIDATOR.publicKey());

  @TempDir Path dir;
  RocksDbDatabase db;
  Snapshot snapshot;
  Block block;

  @BeforeEach
  void commitState() {
    db = RocksDbDatabase.open(dir);
    try (Fork fork = db.fork()) {
      IndexAccess bank = IndexViews.over(fork.prefixed("bank"));
      var balances = bank.proofMap("balances", RAW, RAW);
      balances.put(utf8("alice"), utf8("5"));
      balances.put(utf8("bob"), utf8("7"));
      bank.proofList("history", RAW).add(utf8("first"));
      bank.proofEntry("owner", RAW).set(utf8("\"carol\""));
      db.merge(fork.intoPatch());
    }
    snapshot = db.snapshot();
    block =
        new Block(
            0,
            3,
            0,
            Hash.zero(),
            Hash.zero(),
            snapshot.stateHash(),
            Hash.zero(),
            AdditionalHeaders.empty(),
            Instant.parse("2025-01-01T00:00:00Z"));
  }

  @AfterEach
  void close() {
    snapshot.close();
    db.close();
  }

  @Test
  void aProvenMapEntryVerifies() {
    ProvenState proven = StateProof.verify(mapAnswer("alice", "5"), TRUSTED);
    assertThat(proven.valueText()).contains("5");
    assertThat(proven.addressText()).isEqualTo("alice");
    assertThat(proven.index()).isEqualTo("bank.balances");
    assertThat(proven.block().height()).isEqualTo(3);
  }

  @Test
  void anAbsentKeyIsProvenAbsent() {
    ProvenState proven = StateProof.verify(mapAnswer("zoe", null), TRUSTED);
    assertThat(proven.value()).isEmpty();
  }

  @Test
  void listAndEntryProofsVerify() {
    var list = IndexViews.over(snapshot.prefixed("bank")).proofList("history", RAW);
    ObjectNode answer = answer("bank.history", "proof_list", "first");
    answer.put("position", 0);
    proof(answer).put("entry_proof", HEX.formatHex(list.proof(0).toProto().toByteArray()));
    assertThat(StateProof.verify(answer, TRUSTED).valueText()).contains("first");

    ObjectNode entry = answer("bank.owner", "proof_entry", "\"carol\"");
    assertThat(StateProof.verify(entry, TRUSTED).valueText()).contains("\"carol\"");
    entry.put("value_hex", HEX.formatHex(utf8("\"mallory\"")));
    assertThatThrownBy(() -> StateProof.verify(entry, TRUSTED))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("hashes to");
  }

  @Test
  void aValueOtherThanTheProvenOneIsRefused() {
    ObjectNode answer = mapAnswer("alice", "5");
    answer.put("value_hex", HEX.formatHex(utf8("500")));
    assertThatThrownBy(() -> StateProof.verify(answer, TRUSTED))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("5");
    answer.putNull("value_hex");
    assertThatThrownBy(() -> StateProof.verify(answer, TRUSTED))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void aProofOfAnotherKeyIsRefused() {
    ObjectNode answer = mapAnswer("alice", "5");
    answer.put("key_hex", HEX.formatHex(utf8("bob")));
    assertThatThrownBy(() -> StateProof.verify(answer, TRUSTED))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("not about key");
  }

  @Test
  void wrongValidatorKeysAreRefused() {
    ObjectNode answer = mapAnswer("alice", "5");
    KeyPair stranger =
        KeyPair.fromSeed(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });
    assertThatThrownBy(() -> StateProof.verify(answer, List.of(stranger.publicKey())))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("not that validator's consensus key");
    assertThatThrownBy(
            () -> StateProof.verify(answer, List.of(VALIDATOR.publicKey(), stranger.publicKey())))
        .as("one precommit of two validators is no quorum")
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("needs 2");
  }

  @Test
  void everyFlippedByteOfTheProofIsRefused() {
    long seed = Long.getLong("polyhost.seed", new Random().nextLong());
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    for (String part : List.of("index_proof", "entry_proof", "block_bytes", "certificate")) {
      for (int round = 0; round < 20; round++) {
        ObjectNode answer = mapAnswer("alice", "5");
        ObjectNode holder =
            part.startsWith("block") || part.equals("certificate")
                ? (ObjectNode) proof(answer).get("block_proof")
                : proof(answer);
        byte[] bytes = HEX.parseHex(holder.get(part).asString());
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        holder.put(part, HEX.formatHex(bytes));
        assertThatThrownBy(() -> StateProof.verify(answer, TRUSTED))
            .as("seed=%d part=%s byte=%d", seed, part, at)
            .isInstanceOfAny(ProofVerificationException.class, MalformedAnswerException.class);
      }
    }
  }

  @Test
  void malformedAnswersAreRefusedClearly() {
    assertThatThrownBy(() -> StateProof.verify(NodeHttp.JSON.createObjectNode(), TRUSTED))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("carries no proof");
    ObjectNode noIndexProof = mapAnswer("alice", "5");
    proof(noIndexProof).remove("index_proof");
    assertThatThrownBy(() -> StateProof.verify(noIndexProof, TRUSTED))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("index_proof");
    ObjectNode badType = mapAnswer("alice", "5");
    badType.put("index_type", "key_set");
    assertThatThrownBy(() -> StateProof.verify(badType, TRUSTED))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("key_set");
    ObjectNode otherIndex = mapAnswer("alice", "5");
    otherIndex.put("index", "bank.other");
    assertThatThrownBy(() -> StateProof.verify(otherIndex, TRUSTED))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("bank.balances");
  }

  private ObjectNode mapAnswer(String key, @Nullable String value) {
    var map = IndexViews.over(snapshot.prefixed("bank")).proofMap("balances", RAW, RAW);
    ObjectNode answer = answer("bank.balances", "proof_map", value);
    answer.put("key_hex", HEX.formatHex(utf8(key)));
    proof(answer).put("entry_proof", HEX.formatHex(map.proof(utf8(key)).toProto().toByteArray()));
    return answer;
  }

  private ObjectNode answer(String index, String type, @Nullable String value) {
    ObjectNode answer = NodeHttp.JSON.createObjectNode();
    answer.put("index", index).put("index_type", type);
    if (value == null) {
      answer.putNull("value_hex");
    } else {
      answer.put("value_hex", HEX.formatHex(utf8(value)));
    }
    ObjectNode proof = answer.putObject("proof");
    ObjectNode blockProof = proof.putObject("block_proof");
    blockProof.put("block_bytes", HEX.formatHex(block.toProto().toByteArray()));
    BlockCertificate certificate =
        BlockCertificate.of(
            block, List.of(Precommit.sign(VALIDATOR, 0, block.height(), block.hash())));
    blockProof.put("certificate", HEX.formatHex(certificate.toProto().toByteArray()));
    proof.put("index_proof", HEX.formatHex(snapshot.indexProof(index).toProto().toByteArray()));
    return answer;
  }

  private static ObjectNode proof(ObjectNode answer) {
    return (ObjectNode) answer.get("proof");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
