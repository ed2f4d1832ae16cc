package io.polyhost.host.blockchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.Block;
import io.polyhost.api.blockchain.BlockProof;
import io.polyhost.api.blockchain.CallInBlock;
import io.polyhost.api.blockchain.CallProof;
import io.polyhost.api.blockchain.TransactionProof;
import io.polyhost.api.blockchain.TxLocation;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proto.BlockProto;
import io.polyhost.api.proto.MapProofProto;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import io.polyhost.storage.index.IndexViews;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every proof the core schema builds verifies, and every tampering with one is rejected. */
class CoreProofsTest {
  private static final ExecutionError TX_ERROR =
      ExecutionError.service(3, "insufficient funds")
          .withRuntimeId(1)
          .at(CallSite.method(100, "", 1));
  private static final ExecutionError HOOK_ERROR =
      ExecutionError.unexpected("hook panicked")
          .withRuntimeId(1)
          .at(CallSite.of(100, CallType.BEFORE_TRANSACTIONS));

  @TempDir Path dir;
  private RocksDbDatabase db;
  private TestChain chain;
  private final SignedTransaction a = TestChain.tx(1);
  private final SignedTransaction b = TestChain.tx(2);
  private final SignedTransaction c = TestChain.tx(3);
  private Block one;
  private Block two;

  @BeforeEach
  void build() {
    db = RocksDbDatabase.open(dir);
    chain = new TestChain(db, 4);
    chain.genesis();
    one =
        chain.commit(
            List.of(a, b),
            Map.of(
                CallInBlock.transaction(1),
                TX_ERROR,
                CallInBlock.beforeTransactions(100),
                HOOK_ERROR));
    two = chain.commit(List.of(c), Map.of(CallInBlock.transaction(0), TX_ERROR));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void blockProofsVerifyForCommittedHeightsOnly() {
    for (long h = 0; h <= 2; h++) {
      long height = h;
      BlockProof proof = proofs(p -> p.blockProof(height)).orElseThrow();
      assertThat(proof.verify(chain.keys).height()).isEqualTo(height);
    }
    assertThat(proofs(p -> p.blockProof(3))).isEmpty();
  }

  @Test
  void aBlockWithAFlippedBitIsRejected() {
    BlockProof proof = proofs(p -> p.blockProof(1)).orElseThrow();
    byte[] bytes = proof.block().toProto().toByteArray();
    int rejected = 0;
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] tampered = bytes.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      Block block;
      try {
        block = Block.parse(tampered);
      } catch (IllegalArgumentException e) {
        rejected++;
        continue;
      }
      if (block.equals(proof.block())) {
        continue; // a bit in the encoding that does not change the header, e.g. an unknown field
      }
      BlockProof forged = new BlockProof(block, proof.certificate());
      assertThatThrownBy(() -> forged.verify(chain.keys))
          .as("bit %d", bit)
          .isInstanceOf(ProofVerificationException.class);
      rejected++;
    }
    assertThat(rejected).isGreaterThan(bytes.length * 8 * 9 / 10);
  }

  @Test
  void callProofsProveErrorsWithTheirDescriptionsAndSuccesses() {
    assertThat(
            callProof(1, CallInBlock.transaction(1)).verify(chain.keys, CallInBlock.transaction(1)))
        .contains(TX_ERROR);
    Optional<ExecutionError> hook =
        callProof(1, CallInBlock.beforeTransactions(100))
            .verify(chain.keys, CallInBlock.beforeTransactions(100));
    assertThat(hook.orElseThrow().description()).isEqualTo("hook panicked");
    assertThat(hook.orElseThrow().kind()).isEqualTo(HOOK_ERROR.kind());
    assertThat(
            callProof(1, CallInBlock.transaction(0)).verify(chain.keys, CallInBlock.transaction(0)))
        .isEmpty();
    assertThat(
            callProof(1, CallInBlock.afterTransactions(100))
                .verify(chain.keys, CallInBlock.afterTransactions(100)))
        .isEmpty();
    assertThat(proofs(p -> p.callProof(3, CallInBlock.transaction(0)))).isEmpty();
  }

  @Test
  void callProofsRejectTampering() {
    CallInBlock failed = CallInBlock.transaction(1);
    CallProof good = callProof(1, failed);
    assertVerifyFails(good, CallInBlock.transaction(0), "must cover exactly transaction #0");

    CallProof otherBlocksErrors =
        new CallProof(good.blockProof(), callProof(2, failed).errorProof(), Optional.empty());
    assertVerifyFails(otherBlocksErrors, failed, "does not match the error hash of block 1");

    CallProof otherBlock =
        new CallProof(
            proofs(p -> p.blockProof(2)).orElseThrow(), good.errorProof(), good.errorDescription());
    assertVerifyFails(otherBlock, failed, "does not match the error hash of block 2");

    CallProof describedSuccess =
        new CallProof(
            good.blockProof(),
            callProof(1, CallInBlock.transaction(0)).errorProof(),
            Optional.of("lie"));
    assertVerifyFails(describedSuccess, CallInBlock.transaction(0), "carries an error description");

    MapProofProto proto = good.errorProof().toProto();
    byte[] value = proto.getEntries(0).getValue().toByteArray();
    value[value.length - 1] ^= 1;
    MapProof flipped =
        MapProof.fromProto(
            proto.toBuilder()
                .setEntries(0, proto.getEntries(0).toBuilder().setValue(ByteString.copyFrom(value)))
                .build(),
            MapKeyMode.HASHED);
    assertVerifyFails(
        new CallProof(good.blockProof(), flipped, Optional.empty()),
        failed,
        "does not match the error hash");

    BlockProto wrongHeight = good.blockProof().block().toProto().toBuilder().setHeight(2).build();
    CallProof movedBlock =
        new CallProof(
            new BlockProof(Block.fromProto(wrongHeight), good.blockProof().certificate()),
            good.errorProof(),
            Optional.empty());
    assertVerifyFails(movedBlock, failed, "certificate is for height 1");

    assertThatThrownBy(() ->
            new CallProof(
                good.blockProof(),
                new MapProof(MapKeyMode.RAW, List.of(), List.of()),
                Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashed keys");
  }

  @Test
  void transactionProofsLocateTransactions() {
    for (SignedTransaction tx : List.of(a, b, c)) {
      TxLocation location = chain.read(s -> s.location(tx.hash())).orElseThrow();
      assertThat(transactionProof(tx).verify(chain.keys, tx.hash())).isEqualTo(location);
    }
    assertThat(proofs(p -> p.transactionProof(TestChain.tx(99).hash()))).isEmpty();
  }

  @Test
  void transactionProofsRejectTampering() {
    TransactionProof ofB = transactionProof(b);
    assertThatThrownBy(() -> ofB.verify(chain.keys, a.hash()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("Position 1 of block 1 holds another transaction than " + a.hash());
    TransactionProof mixed = new TransactionProof(ofB.blockProof(), transactionProof(c).txProof());
    assertThatThrownBy(() -> mixed.verify(chain.keys, c.hash()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("does not match the transaction hash of block 1");
    ListProof both;
    // A proof of two positions of block 1's list, from a proof list holding the same hashes.
    List<Hash> block1 = chain.read(s -> s.blockTransactions(1));
    try (Fork fork = db.fork()) {
      ProofListIndex<Hash> same = IndexViews.over(fork).proofList("same", Serializers.hash());
      same.addAll(block1);
      both = same.rangeProof(0, 2);
    }
    assertThatThrownBy(
            () -> new TransactionProof(ofB.blockProof(), both).verify(chain.keys, b.hash()))
        .hasMessageContaining("must prove exactly one position; it proves 2");
    TransactionProof fewValidators =
        new TransactionProof(
            new BlockProof(
                ofB.blockProof().block(),
                BlockSigner.certificate(
                    ofB.blockProof().block(),
                    List.of(
                        new BlockSigner(0, chain.validators.get(0))
                            .sign(ofB.blockProof().block())))),
            ofB.txProof());
    assertThatThrownBy(() -> fewValidators.verify(chain.keys, b.hash()))
        .hasMessageContaining("Only 1 of 4 validators");
  }

  private <T> Optional<T> proofs(java.util.function.Function<CoreProofs, Optional<T>> query) {
    return chain.read(s -> query.apply(s.proofs()));
  }

  private CallProof callProof(long height, CallInBlock call) {
    return proofs(p -> p.callProof(height, call)).orElseThrow();
  }

  private TransactionProof transactionProof(SignedTransaction tx) {
    return proofs(p -> p.transactionProof(tx.hash())).orElseThrow();
  }

  private void assertVerifyFails(CallProof proof, CallInBlock call, String message) {
    assertThatThrownBy(() -> proof.verify(chain.keys, call))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining(message);
  }
}
