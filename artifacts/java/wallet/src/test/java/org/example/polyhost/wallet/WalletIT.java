package org.example.polyhost.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.proto.StateProofProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import io.polyhost.testkit.TxResult;
import java.util.Optional;
import org.example.polyhost.wallet.proto.CreateWallet;
import org.example.polyhost.wallet.proto.Issue;
import org.example.polyhost.wallet.proto.Transfer;
import org.example.polyhost.wallet.proto.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The wallet as a node runs it: the packaged JAR, deployed in the genesis block. */
class WalletIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(TestKit.packagedArtifact())
              .withService("wallet", "wallet"));

  private long seed;

  @Test
  void wallets_are_created_issued_to_and_transfer_between_each_other(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    create(kit, alice, "Alice").requireOk();
    create(kit, bob, "Bob").requireOk();
    issue(kit, alice, 100).requireOk();

    transfer(kit, alice, bob.publicKey(), 30).requireOk();

    assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", 70));
    assertThat(wallet(kit, bob.publicKey())).contains(wallet("Bob", 30));
  }

  @Test
  void transactions_in_one_block_apply_in_order(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    kit.submit(
        kit.tx(alice, "wallet", "create", CreateWallet.newBuilder().setName("Alice").build()),
        kit.tx(bob, "wallet", "create", CreateWallet.newBuilder().setName("Bob").build()),
        kit.tx(alice, "wallet", "issue", Issue.newBuilder().setAmount(10).build()),
        kit.tx(alice, "wallet", "transfer", transferArgs(bob.publicKey(), 4, 1)),
        kit.tx(alice, "wallet", "transfer", transferArgs(bob.publicKey(), 4, 2)),
        kit.tx(alice, "wallet", "transfer", transferArgs(bob.publicKey(), 4, 3)));

    kit.createBlock();

    assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", 2));
    assertThat(wallet(kit, bob.publicKey())).contains(wallet("Bob", 8));
  }

  @Test
  void creating_is_refused_for_a_second_wallet_or_a_bad_name(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    create(kit, alice, "Alice").requireOk();

    assertFails(create(kit, alice, "Alice again"), WalletError.WALLET_EXISTS, "already has");
    assertFails(create(kit, kit.keys("b"), " \t"), WalletError.INVALID_NAME, "not blank");
    assertFails(create(kit, kit.keys("c"), "x".repeat(65)), WalletError.INVALID_NAME, "1 to 64");
    create(kit, kit.keys("d"), "😀".repeat(64)).requireOk(); // characters, not UTF-16 units
    assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", 0));
    assertThat(wallet(kit, kit.keys("b").publicKey())).isEmpty();
  }

  @Test
  void issuing_needs_a_wallet_a_positive_amount_and_room_for_it(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    assertFails(issue(kit, alice, 5), WalletError.UNKNOWN_WALLET, "create one first");
    create(kit, alice, "Alice").requireOk();

    assertFails(issue(kit, alice, 0), WalletError.INVALID_AMOUNT, "got 0");
    // uint64 amounts above Long.MAX_VALUE arrive as negative longs.
    assertFails(issue(kit, alice, -1), WalletError.INVALID_AMOUNT, "got 18446744073709551615");
    issue(kit, alice, Long.MAX_VALUE).requireOk();
    assertFails(issue(kit, alice, 1), WalletError.BALANCE_OVERFLOW, "would exceed");

    assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", Long.MAX_VALUE));
  }

  @Test
  void failed_transfers_say_why_and_move_nothing(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    PublicKey nobody = kit.keys("nobody").publicKey();
    assertFails(transfer(kit, alice, bob.publicKey(), 1), WalletError.UNKNOWN_WALLET, "no wallet");
    create(kit, alice, "Alice").requireOk();
    issue(kit, alice, 50).requireOk();
    create(kit, bob, "Bob").requireOk();

    assertFails(transfer(kit, alice, nobody, 1), WalletError.UNKNOWN_RECEIVER, nobody.toHex());
    assertFails(
        transfer(kit, alice, bob.publicKey(), 51),
        WalletError.INSUFFICIENT_FUNDS,
        "holds 50, cannot send 51");
    assertFails(transfer(kit, alice, bob.publicKey(), 0), WalletError.INVALID_AMOUNT, "got 0");
    assertFails(
        transfer(kit, alice, alice.publicKey(), 1), WalletError.SELF_TRANSFER, "another wallet");
    Transfer shortKey =
        Transfer.newBuilder()
            .setTo(
                io.polyhost.api.proto.PublicKeyProto.newBuilder()
                    .setData(ByteString.copyFrom(new byte[31])))
            .setAmount(1)
            .build();
    assertFails(
        kit.execute(kit.tx(alice, "wallet", "transfer", shortKey)),
        WalletError.INVALID_KEY,
        "32-byte");
    issue(kit, bob, Long.MAX_VALUE).requireOk();
    assertFails(transfer(kit, alice, bob.publicKey(), 1), WalletError.BALANCE_OVERFLOW, "exceed");

    assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", 50));
    assertThat(wallet(kit, bob.publicKey())).contains(wallet("Bob", Long.MAX_VALUE));
  }

  @Test
  void malformed_arguments_are_refused_by_the_runtime(TestKit kit) {
    TxResult result =
        kit.execute(kit.tx(kit.keys("alice"), "wallet", "create", new byte[] {(byte) 0xff}));

    assertThat(result.requireError().description()).contains("examples.wallet.CreateWallet");
  }

  @Test
  void a_wallet_is_read_with_a_proof_that_verifies_against_the_validators(TestKit kit)
      throws Exception {
    KeyPair alice = kit.keys("alice");
    create(kit, alice, "Alice \"A\"").requireOk();
    issue(kit, alice, 7).requireOk();

    JsonNode answer = read(kit, alice.publicKey());
    StateProof proof = StateProof.fromHex(answer.get("proof").asString());
    VerifiedMapProof proven = proof.verifyMap(kit.validatorKeys());

    assertThat(answer.get("key").asString()).isEqualTo(alice.publicKey().toHex());
    assertThat(answer.get("wallet").get("name").asString()).isEqualTo("Alice \"A\"");
    assertThat(answer.get("wallet").get("balance").asLong()).isEqualTo(7);
    assertThat(proof.indexName()).isEqualTo("wallet.wallets");
    assertThat(proof.blockProof().block().height()).isEqualTo(kit.height());
    assertThat(proven.value(alice.publicKey(), WalletSchema.KEYS, WalletSchema.WALLET_RECORDS))
        .contains(wallet("Alice \"A\"", 7));
    // Keys other than the validators' do not vouch for the block.
    assertThatThrownBy(() -> proof.verifyMap(java.util.List.of(kit.keys("mallory").publicKey())))
        .isInstanceOf(ProofVerificationException.class);
  }

  @Test
  void a_missing_wallet_is_proven_missing(TestKit kit) throws Exception {
    create(kit, kit.keys("alice"), "Alice").requireOk();
    PublicKey nobody = kit.keys("nobody").publicKey();

    JsonNode answer = read(kit, nobody);
    VerifiedMapProof proven =
        StateProof.fromHex(answer.get("proof").asString()).verifyMap(kit.validatorKeys());

    assertThat(answer.get("wallet").isNull()).isTrue();
    assertThat(proven.missing(WalletSchema.KEYS)).containsExactly(nobody);
  }

  @Test
  void a_proof_of_a_forged_balance_does_not_verify(TestKit kit) throws Exception {
    KeyPair alice = kit.keys("alice");
    create(kit, alice, "Alice").requireOk();
    issue(kit, alice, 7).requireOk();
    StateProofProto honest =
        StateProof.fromHex(read(kit, alice.publicKey()).get("proof").asString()).toProto();

    // A dishonest node answers 1,000,000 and adjusts the proof's entry to match.
    StateProofProto.Builder forged = honest.toBuilder();
    forged
        .getMapProofBuilder()
        .getEntriesBuilder(0)
        .setValue(wallet("Alice", 1_000_000).toByteString());
    StateProof lie = StateProof.fromProto(forged.build());

    assertThatThrownBy(() -> lie.verifyMap(kit.validatorKeys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("wallet.wallets");
  }

  @Test
  void bad_read_requests_get_400_with_what_to_fix(TestKit kit) throws Exception {
    EndpointResponse missing = kit.get("wallet", "wallet");
    EndpointResponse malformed = kit.get("wallet", "wallet?key=abc");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(JSON.readTree(missing.json()).get("error").asString()).contains("wallet?key=");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.json()).get("error").asString()).contains("64 hex digits");
    assertThatThrownBy(() -> kit.get("wallet", "wallets")).hasMessageContaining("no PUBLIC");
  }

  @Test
  void a_service_cannot_spend_from_a_wallet_as_itself() throws Exception {
    try (TestKit kit =
        TestKit.builder()
            .withArtifact(TestKit.packagedArtifact())
            .withArtifact(ArtifactId.parse("1:direct-caller:1.0.0"), DirectCaller.FACTORY)
            .withService("wallet", "wallet")
            .withService("direct", "direct-caller")
            .start()) {
      KeyPair alice = kit.keys("alice");
      KeyPair bob = kit.keys("bob");
      create(kit, alice, "Alice").requireOk();
      create(kit, bob, "Bob").requireOk();
      issue(kit, alice, 10).requireOk();

      TxResult result =
          kit.execute(
              kit.tx(
                  alice, "direct", "forward", transferArgs(bob.publicKey(), 1, 0).toByteArray()));

      assertFails(result, WalletError.NOT_SIGNED, "withFallthroughAuth");
      assertThat(wallet(kit, alice.publicKey())).contains(wallet("Alice", 10));
    }
  }

  // ---- helpers ----

  private TxResult create(TestKit kit, KeyPair owner, String name) {
    return kit.execute(
        kit.tx(owner, "wallet", "create", CreateWallet.newBuilder().setName(name).build()));
  }

  private TxResult issue(TestKit kit, KeyPair owner, long amount) {
    return kit.execute(
        kit.tx(
            owner,
            "wallet",
            "issue",
            Issue.newBuilder().setAmount(amount).setSeed(++seed).build()));
  }

  private TxResult transfer(TestKit kit, KeyPair from, PublicKey to, long amount) {
    return kit.execute(kit.tx(from, "wallet", "transfer", transferArgs(to, amount, ++seed)));
  }

  private static Transfer transferArgs(PublicKey to, long amount, long seed) {
    return Transfer.newBuilder().setTo(to.toProto()).setAmount(amount).setSeed(seed).build();
  }

  private static Wallet wallet(String name, long balance) {
    return Wallet.newBuilder().setName(name).setBalance(balance).build();
  }

  private static JsonNode read(TestKit kit, PublicKey key) throws Exception {
    EndpointResponse response = kit.get("wallet", "wallet?key=" + key.toHex());
    assertThat(response.status()).as(response.json()).isEqualTo(200);
    return JSON.readTree(response.json());
  }

  /** The wallet as the read endpoint answers it, after checking that its proof says the same. */
  private static Optional<Wallet> wallet(TestKit kit, PublicKey key) throws Exception {
    JsonNode answer = read(kit, key);
    Optional<Wallet> proven =
        StateProof.fromHex(answer.get("proof").asString())
            .verifyMap(kit.validatorKeys())
            .value(key, WalletSchema.KEYS, WalletSchema.WALLET_RECORDS);
    JsonNode json = answer.get("wallet");
    Optional<Wallet> answered =
        json.isNull()
            ? Optional.empty()
            : Optional.of(wallet(json.get("name").asString(), json.get("balance").asLong()));
    assertThat(answered).as("the answer agrees with its proof").isEqualTo(proven);
    return proven;
  }

  private static void assertFails(TxResult result, ErrorCode code, String explanation) {
    ExecutionError error = result.requireError();
    assertThat(error.is(code)).as("%s is %s", error, code).isTrue();
    assertThat(error.description()).contains(explanation);
  }
}
