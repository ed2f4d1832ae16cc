package io.polyhost.host.pool;

import static io.polyhost.host.pool.TestTransactions.INACTIVE_INSTANCE;
import static io.polyhost.host.pool.TestTransactions.check;
import static io.polyhost.host.pool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.SignedMessageProto;
import io.polyhost.host.pool.Admission.Accepted;
import io.polyhost.host.pool.Admission.Rejected;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final Set<Hash> committed = ConcurrentHashMap.newKeySet();
  private TransactionPool pool = newPool(PoolConfig.defaults());

  private TransactionPool newPool(PoolConfig config) {
    return TransactionPool.create(config, CommittedHashes.each(committed::contains), check());
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private Rejected rejected(byte[] message) {
    Admission outcome = pool.submitAndWait(message);
    assertThat(outcome).isInstanceOf(Rejected.class);
    return (Rejected) outcome;
  }

  @Test
  void aValidTransactionIsPooled() {
    SignedTransaction tx = tx(1);
    assertThat(pool.submitAndWait(tx.bytes())).isEqualTo(new Accepted(tx.hash()));
    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.totalBytes()).isEqualTo(tx.size());
    assertThat(pool.get(tx.hash())).contains(tx);
  }

  @Test
  void aMessageOverTheSizeLimitIsTooLarge() {
    pool.close();
    SignedTransaction tx = tx(1);
    pool = newPool(PoolConfig.defaults().withMaxMessageBytes(tx.size() - 1));
    Rejected r = rejected(tx.bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.TOO_LARGE);
    assertThat(r.message()).contains(tx.size() + " bytes", "limit of " + (tx.size() - 1));
    assertThat(pool.submitAndWait(tx(2).bytes()).accepted()).isFalse();
    assertThat(pool.size()).isZero();
  }

  @Test
  void garbageIsMalformed() {
    Rejected r = rejected(new byte[] {1, 2, 3});
    assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED);
    assertThat(r.message()).contains("SignedMessage");
    assertThat(r.hash()).isEmpty();
  }

  @Test
  void aTransactionPooledAlreadyIsADuplicate() {
    SignedTransaction tx = tx(1);
    pool.submitAndWait(tx.bytes());
    Rejected r = rejected(tx.bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.DUPLICATE);
    assertThat(r.hash()).contains(tx.hash());
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void aCommittedTransactionIsRefused() {
    SignedTransaction tx = tx(1);
    committed.add(tx.hash());
    Rejected r = rejected(tx.bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.ALREADY_COMMITTED);
    assertThat(r.message()).contains(tx.hash().toString());
  }

  @Test
  void aForgedAuthorIsABadSignature() throws Exception {
    KeyPair other =
        KeyPair.fromSeed(
            new byte[] {
              7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
              7, 7, 7
            });
    SignedMessageProto proto = SignedMessageProto.parseFrom(tx(1).bytes());
    byte[] forged = proto.toBuilder().setAuthor(other.publicKey().toProto()).build().toByteArray();
    Rejected r = rejected(forged);
    assertThat(r.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(r.message()).contains("sign the payload");
  }

  @Test
  void aTamperedPayloadIsABadSignature() throws Exception {
    SignedMessageProto proto = SignedMessageProto.parseFrom(tx(1).bytes());
    byte[] payload = proto.getPayload().toByteArray();
    payload[payload.length - 1] ^= 1;
    byte[] tampered =
        proto.toBuilder().setPayload(ByteString.copyFrom(payload)).build().toByteArray();
    assertThat(rejected(tampered).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(pool.size()).isZero();
  }

  @Test
  void aTransactionToAnInactiveServiceFailsTheCheck() {
    Rejected r = rejected(tx(INACTIVE_INSTANCE, 1).bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.CHECK_FAILED);
    assertThat(r.checkError())
        .hasValueSatisfying(e -> assertThat(e.is(CoreError.SERVICE_NOT_ACTIVE)).isTrue());
    assertThat(r.message()).contains("service 66 is stopped");
    assertThat(pool.size()).isZero();
  }

  @Test
  void aFullPoolRefusesByCount() {
    pool.close();
    pool = newPool(PoolConfig.defaults().withCapacity(2, 1 << 20));
    pool.submitAndWait(tx(1).bytes());
    pool.submitAndWait(tx(2).bytes());
    Rejected r = rejected(tx(3).bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.POOL_FULL);
    assertThat(r.message()).contains("limit of 2 transactions");
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void aFullPoolRefusesByBytes() {
    pool.close();
    SignedTransaction first = tx(1);
    pool = newPool(PoolConfig.defaults().withCapacity(100, first.size() + 10));
    assertThat(pool.submitAndWait(first.bytes()).accepted()).isTrue();
    Rejected r = rejected(tx(2).bytes());
    assertThat(r.reason()).isEqualTo(RejectionReason.POOL_FULL);
    assertThat(r.message()).contains("bytes");
    pool.removeCommitted(List.of(first.hash()));
    assertThat(pool.totalBytes()).isZero();
    assertThat(pool.submitAndWait(tx(2).bytes()).accepted()).isTrue();
  }

  @Test
  void aClosedPoolRefusesWithClosed() {
    pool.close();
    assertThat(rejected(tx(1).bytes()).reason()).isEqualTo(RejectionReason.CLOSED);
  }

  @Test
  void aBatchGetsOneOutcomePerMessageInOrder() {
    SignedTransaction a = tx(1);
    SignedTransaction b = tx(2);
    List<Admission> outcomes =
        pool.submitAll(
                List.of(
                    a.bytes(),
                    new byte[] {9},
                    b.bytes(),
                    a.bytes(),
                    tx(INACTIVE_INSTANCE, 3).bytes()))
            .toCompletableFuture()
            .join();
    assertThat(outcomes).hasSize(5);
    assertThat(outcomes.get(1))
        .extracting(o -> ((Rejected) o).reason())
        .isEqualTo(RejectionReason.MALFORMED);
    assertThat(outcomes.get(4))
        .extracting(o -> ((Rejected) o).reason())
        .isEqualTo(RejectionReason.CHECK_FAILED);
    // a and its copy race within the batch: exactly one of them is pooled.
    assertThat(List.of(outcomes.get(0), outcomes.get(3)))
        .filteredOn(Admission::accepted)
        .hasSize(1);
    assertThat(outcomes.get(2)).isEqualTo(new Accepted(b.hash()));
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void anEmptyBatchCompletesAtOnce() {
    assertThat(pool.submitAll(List.of()).toCompletableFuture().join()).isEmpty();
  }

  @Test
  void aCheckThatThrowsFailsTheSubmissionInsteadOfHidingTheBug() {
    pool.close();
    pool =
        TransactionPool.create(
            PoolConfig.defaults(),
            CommittedHashes.each(h -> false),
            tx -> {
              throw new IllegalStateException("dispatcher bug");
            });
    assertThatThrownBy(() -> pool.submitAndWait(tx(1).bytes()))
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("dispatcher bug");
    // The verifier threads survive the failure.
    assertThat(pool.submit(new byte[] {1}).toCompletableFuture().join().accepted()).isFalse();
  }

  @Test
  void aTransactionCommittedWhileItWasVerifiedIsNotPooledAgain() {
    // A copy of the transaction was pooled and proposed; its block commits while this copy is
    // being verified: after the committed check, before the copy reaches the pool.
    pool.close();
    SignedTransaction tx = tx(1);
    TransactionPool[] self = new TransactionPool[1];
    pool =
        TransactionPool.create(
            PoolConfig.defaults(),
            CommittedHashes.each(committed::contains),
            checked -> {
              committed.add(checked.hash());
              self[0].removeCommitted(List.of(checked.hash()));
              return java.util.Optional.empty();
            });
    self[0] = pool;
    assertThat(rejected(tx.bytes()).reason()).isEqualTo(RejectionReason.ALREADY_COMMITTED);
    assertThat(pool.size()).isZero();
  }

  @Test
  void twoCopiesInOneBatchArePooledOnce() {
    SignedTransaction tx = tx(1);
    List<Admission> outcomes =
        pool.submitAll(List.of(tx.bytes(), tx.bytes())).toCompletableFuture().join();
    assertThat(outcomes.get(0)).isEqualTo(new Accepted(tx.hash()));
    assertThat(((Rejected) outcomes.get(1)).reason()).isEqualTo(RejectionReason.DUPLICATE);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void aConfigRejectsNonsenseWithTheSettingName() {
    assertThatThrownBy(() -> PoolConfig.defaults().withVerifierThreads(0))
        .hasMessageContaining("verifier-threads");
    assertThatThrownBy(() -> PoolConfig.defaults().withRemovalLimit(-1))
        .hasMessageContaining("removal-limit");
  }
}
