package org.example.polyhost.payroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.storage.Serializers;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import io.polyhost.testkit.TxResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.example.polyhost.payroll.proto.Payment;
import org.example.polyhost.payroll.proto.Payout;
import org.example.polyhost.payroll.proto.PayoutRecord;
import org.example.polyhost.payroll.proto.PayrollConfig;
import org.example.polyhost.wallet.WalletError;
import org.example.polyhost.wallet.proto.CreateWallet;
import org.example.polyhost.wallet.proto.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The payroll calling the wallet, both from their packaged JARs: payments through child calls, and
 * a failing payment rolling back the whole payout.
 */
class PayrollIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(walletJar())
              .withArtifact(TestKit.packagedArtifact())
              .withService("wallet", "wallet")
              .withService("payroll", "payroll"));

  /** The keys of the tests' three wallet owners. */
  private record People(KeyPair alice, KeyPair bob, KeyPair carol) {}

  private long seed;

  /** Alice holds 100, Bob and Carol have empty wallets. */
  private static People wallets(TestKit kit) {
    People p = new People(kit.keys("alice"), kit.keys("bob"), kit.keys("carol"));
    for (KeyPair owner : new KeyPair[] {p.alice(), p.bob(), p.carol()}) {
      kit.execute(kit.tx(owner, "wallet", "create", CreateWallet.newBuilder().setName("w").build()))
          .requireOk();
    }
    kit.execute(kit.tx(p.alice(), "wallet", "issue", Issue.newBuilder().setAmount(100).build()))
        .requireOk();
    return p;
  }

  @Test
  void a_payout_pays_everyone_from_the_signers_wallet(TestKit kit) throws Exception {
    People p = wallets(kit);
    SignedTransaction tx =
        payoutTx(
            kit, p.alice(), payment(p.bob().publicKey(), 10), payment(p.carol().publicKey(), 20));

    kit.execute(tx).requireOk();

    assertThat(balance(kit, p.alice().publicKey())).isEqualTo(70);
    assertThat(balance(kit, p.bob().publicKey())).isEqualTo(10);
    assertThat(balance(kit, p.carol().publicKey())).isEqualTo(20);
    JsonNode answer = readPayout(kit, tx.hash());
    PayoutRecord expected =
        PayoutRecord.newBuilder()
            .setPayer(p.alice().publicKey().toProto())
            .setPayments(2)
            .setTotal(30)
            .build();
    assertThat(proven(kit, answer, tx.hash())).contains(expected);
    assertThat(answer.get("payout").get("payer").asString())
        .isEqualTo(p.alice().publicKey().toHex());
    assertThat(answer.get("payout").get("total").asLong()).isEqualTo(30);
  }

  @Test
  void a_failing_payment_rolls_back_the_whole_payout(TestKit kit) throws Exception {
    People p = wallets(kit);
    PublicKey nobody = kit.keys("nobody").publicKey();
    SignedTransaction tx =
        payoutTx(
            kit,
            p.alice(),
            payment(p.bob().publicKey(), 10),
            payment(nobody, 5),
            payment(p.carol().publicKey(), 1));

    ExecutionError error = kit.execute(tx).requireError();

    // The payout fails with the wallet's own error, located in the wallet's call.
    assertThat(error.is(WalletError.UNKNOWN_RECEIVER)).as(error.toString()).isTrue();
    assertThat(error.description()).contains(nobody.toHex());
    assertThat(error.callSite().orElseThrow().instanceId())
        .isEqualTo(kit.instance("wallet").spec().id());
    // Bob's payment, made before the failure, is undone, and so is the payroll's record.
    assertThat(balance(kit, p.alice().publicKey())).isEqualTo(100);
    assertThat(balance(kit, p.bob().publicKey())).isZero();
    JsonNode answer = readPayout(kit, tx.hash());
    assertThat(answer.get("payout").isNull()).isTrue();
    assertThat(proven(kit, answer, tx.hash())).isEmpty();
  }

  @Test
  void a_payout_larger_than_the_balance_moves_nothing(TestKit kit) throws Exception {
    People p = wallets(kit);

    ExecutionError error =
        kit.execute(
                payoutTx(
                    kit,
                    p.alice(),
                    payment(p.bob().publicKey(), 60),
                    payment(p.carol().publicKey(), 60)))
            .requireError();

    assertThat(error.is(WalletError.INSUFFICIENT_FUNDS)).as(error.toString()).isTrue();
    assertThat(error.description()).contains("holds 40, cannot send 60");
    assertThat(balance(kit, p.alice().publicKey())).isEqualTo(100);
    assertThat(balance(kit, p.bob().publicKey())).isZero();
  }

  @Test
  void payouts_are_checked_before_any_money_moves(TestKit kit) throws Exception {
    People p = wallets(kit);
    Payment[] tooMany = new Payment[PayrollService.MAX_PAYMENTS + 1];
    java.util.Arrays.fill(tooMany, payment(p.bob().publicKey(), 1));

    assertFails(kit.execute(payoutTx(kit, p.alice())), PayrollError.INVALID_PAYMENT_COUNT, "not 0");
    assertFails(
        kit.execute(payoutTx(kit, p.alice(), tooMany)),
        PayrollError.INVALID_PAYMENT_COUNT,
        "not 101");
    assertFails(
        kit.execute(
            payoutTx(
                kit,
                p.alice(),
                payment(p.bob().publicKey(), 1),
                payment(p.carol().publicKey(), 0))),
        PayrollError.INVALID_AMOUNT,
        "Payment 1");
    assertFails(
        kit.execute(
            payoutTx(
                kit,
                p.alice(),
                payment(p.bob().publicKey(), Long.MAX_VALUE),
                payment(p.carol().publicKey(), Long.MAX_VALUE))),
        PayrollError.TOTAL_OVERFLOW,
        "at payment 1");
    assertThat(balance(kit, p.bob().publicKey())).isZero();
  }

  @Test
  void a_payroll_must_be_configured_with_an_existing_java_wallet(TestKit kit) {
    ArtifactId payroll = kit.instance("payroll").spec().artifact();

    assertThatThrownBy(() -> kit.start(payroll, "payroll-2", config("nowhere")))
        .hasMessageContaining("no service named 'nowhere'");
    assertThatThrownBy(() -> kit.start(payroll, "payroll-3", config("payroll")))
        .hasMessageContaining("not the Java wallet");
    assertThatThrownBy(() -> kit.start(payroll, "payroll-4", new byte[] {(byte) 0xff}))
        .hasMessageContaining("examples.payroll.PayrollConfig");
    kit.start(payroll, "payroll-5", config("wallet"));
    assertThat(kit.instance("payroll-5").isActive()).isTrue();
  }

  @Test
  void bad_read_requests_get_400(TestKit kit) throws Exception {
    EndpointResponse missing = kit.get("payroll", "payout");
    EndpointResponse malformed = kit.get("payroll", "payout?tx=12");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(JSON.readTree(missing.json()).get("error").asString()).contains("payout?tx=");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.json()).get("error").asString()).contains("64 hex digits");
  }

  // ---- helpers ----

  private SignedTransaction payoutTx(TestKit kit, KeyPair payer, Payment... payments) {
    Payout payout =
        Payout.newBuilder().addAllPayments(java.util.List.of(payments)).setSeed(++seed).build();
    return kit.tx(payer, "payroll", "payout", payout);
  }

  private static Payment payment(PublicKey to, long amount) {
    return Payment.newBuilder().setTo(to.toProto()).setAmount(amount).build();
  }

  private static byte[] config(String walletService) {
    return PayrollConfig.newBuilder().setWalletService(walletService).build().toByteArray();
  }

  /** The balance the wallet service proves for {@code key}. */
  private static long balance(TestKit kit, PublicKey key) throws Exception {
    JsonNode answer = JSON.readTree(kit.get("wallet", "wallet?key=" + key.toHex()).json());
    StateProof.fromHex(answer.get("proof").asString()).verifyMap(kit.validatorKeys());
    return answer.get("wallet").get("balance").asLong();
  }

  private static JsonNode readPayout(TestKit kit, Hash tx) throws Exception {
    EndpointResponse response = kit.get("payroll", "payout?tx=" + tx.toHex());
    assertThat(response.status()).as(response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }

  private static Optional<PayoutRecord> proven(TestKit kit, JsonNode answer, Hash tx) {
    return StateProof.fromHex(answer.get("proof").asString())
        .verifyMap(kit.validatorKeys())
        .value(tx, Serializers.hash(), PayrollSchema.RECORDS);
  }

  private static void assertFails(TxResult result, ErrorCode code, String explanation) {
    ExecutionError error = result.requireError();
    assertThat(error.is(code)).as("%s is %s", error, code).isTrue();
    assertThat(error.description()).contains(explanation);
  }

  private static Path walletJar() {
    String name = System.getProperty("polyhost.wallet.jar");
    if (name == null || !Files.isRegularFile(Path.of(name))) {
      throw new IllegalStateException(
          "The wallet's JAR ("
              + name
              + ") is missing: build it through the reactor,"
              + " e.g. ./mvnw -pl artifacts/java/payroll -am verify");
    }
    return Path.of(name);
  }
}
