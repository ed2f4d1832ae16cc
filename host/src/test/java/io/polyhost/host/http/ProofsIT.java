package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockCertificate;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallProof;
import io.polyhost.api.blockchain.TransactionProof;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proto.BlockCertificateProto;
import io.polyhost.api.proto.ListProofProto;
import io.polyhost.api.proto.MapProofProto;
import io.polyhost.host.testing.TestChain;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code with_proof=true}: what the explorer answers verifies with the validator's key alone. */
class ProofsIT extends ApiFixture {
  private static final List<PublicKey> VALIDATORS = List.of(TestChain.VALIDATOR.publicKey());
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aTransactionProofShowsWhereTheTransactionIs() throws Exception {
    SignedTransaction tx = transaction(1, 1);
    commit(tx);
    JsonNode answer = get(TXS + "?hash=" + tx.hash().toHex() + "&with_proof=true").json();
    JsonNode proof = answer.get("proof");
    TransactionProof decoded =
        new TransactionProof(
            blockProof(proof.get("block_proof")),
            ListProof.fromProto(ListProofProto.parseFrom(bytes(proof.get("tx_proof")))));
    TxLocation location = decoded.verify(VALIDATORS, tx.hash());
    assertThat(location.blockHeight())
        .isEqualTo(answer.get("location").get("block_height").asLong());
    assertThat(location.position()).isZero();
    assertThat(proof.get("block_proof").get("block").get("height").asLong())
        .isEqualTo(location.blockHeight());

    assertThatThrownBy(() -> decoded.verify(VALIDATORS, transaction(2, 1).hash()))
        .as("the proof is about one transaction only")
        .isInstanceOf(ProofVerificationException.class);
    assertThat(get(TXS + "?hash=" + tx.hash().toHex()).json().has("proof"))
        .as("no proof unless asked")
        .isFalse();
  }

  @Test
  void aCallProofShowsTheErrorOrItsAbsence() throws Exception {
    SignedTransaction failing = transaction(3, 2);
    SignedTransaction fine = transaction(4, 1);
    commit(failing);
    commit(fine);

    JsonNode failed = callStatus(failing);
    assertThat(failed.get("status").get("type").asString()).isEqualTo("service_error");
    Optional<ExecutionError> error = verifyCall(failed, failing);
    assertThat(error).isPresent();
    assertThat(error.get().code()).isEqualTo(3);
    assertThat(error.get().description()).isEqualTo("Refused after writing");

    JsonNode succeeded = callStatus(fine);
    assertThat(succeeded.get("status").get("type").asString()).isEqualTo("success");
    assertThat(verifyCall(succeeded, fine)).isEmpty();
  }

  @Test
  void aTamperedProofFailsToVerify() throws Exception {
    SignedTransaction tx = transaction(5, 1);
    commit(tx);
    JsonNode proof =
        get(TXS + "?hash=" + tx.hash().toHex() + "&with_proof=true").json().get("proof");
    byte[] block = bytes(proof.get("block_proof").get("block_bytes"));
    block[block.length - 1] ^= 1;
    assertThatThrownBy(() ->
            new BlockProof(
                    Block.parse(block),
                    BlockCertificate.fromProto(
                        BlockCertificateProto.parseFrom(
                            bytes(proof.get("block_proof").get("certificate")))))
                .verify(VALIDATORS))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void aBadFlagIsRefused() {
    SignedTransaction tx = transaction(6, 1);
    commit(tx);
    var answer = get(TXS + "?hash=" + tx.hash().toHex() + "&with_proof=yes");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asString()).contains("true or false");
  }

  private JsonNode callStatus(SignedTransaction tx) {
    return get("/api/explorer/v1/call_status/transaction?with_proof=true&hash=" + tx.hash().toHex())
        .json();
  }

  private Optional<ExecutionError> verifyCall(JsonNode answer, SignedTransaction tx)
      throws Exception {
    JsonNode proof = answer.get("proof");
    CallProof decoded =
        new CallProof(
            blockProof(proof.get("block_proof")),
            MapProof.fromProto(
                MapProofProto.parseFrom(bytes(proof.get("error_proof"))), MapKeyMode.HASHED),
            Optional.ofNullable(proof.get("error_description")).map(JsonNode::asString));
    TxLocation location = node.blockchain().read(core -> core.location(tx.hash()).orElseThrow());
    return decoded.verify(VALIDATORS, location.call());
  }

  private static BlockProof blockProof(JsonNode json) throws Exception {
    return new BlockProof(
        Block.parse(bytes(json.get("block_bytes"))),
        BlockCertificate.fromProto(
            BlockCertificateProto.parseFrom(bytes(json.get("certificate")))));
  }

  private static byte[] bytes(JsonNode hex) {
    return HEX.parseHex(hex.asString());
  }
}
