package io.polyhost.examples.js;

import static io.polyhost.examples.js.Examples.ok;
import static io.polyhost.examples.js.Examples.requireProven;
import static io.polyhost.examples.js.Examples.requireServiceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.testkit.TestKit;
import io.polyhost.testkit.TestKitExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The wallet bundle (wallet-1.0.0.zip): wallets, issuing, transfers and proven balances. */
class WalletTest {
  @RegisterExtension
  static final TestKitExtension KITS =
      TestKitExtension.of(() ->
          TestKit.builder()
              .withArtifact(Examples.artifact("wallet-1.0.0.zip"))
              .withService("wallet", "2:wallet:1.0.0"));

  @Test
  void createIssueAndTransferMoveCoinsAndTheEndpointProvesTheBalances(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    run(kit, alice, "create", "{\"name\": \"Alice\"}");
    run(kit, bob, "create", "{\"name\": \"Bob\"}");
    run(kit, alice, "issue", "{\"amount\": 100}");
    run(kit, alice, "transfer", "{\"to\": \"" + hex(bob) + "\", \"amount\": 30}");
    run(kit, alice, "transfer", "{\"to\": \"" + hex(bob) + "\", \"amount\": 30, \"seed\": 2}");

    JsonNode aliceAnswer = wallet(kit, alice);
    JsonNode bobAnswer = wallet(kit, bob);

    assertThat(aliceAnswer.get("wallet"))
        .isEqualTo(Examples.parse("{\"name\":\"Alice\",\"balance\":40}"));
    assertThat(bobAnswer.get("wallet"))
        .isEqualTo(Examples.parse("{\"name\":\"Bob\",\"balance\":60}"));
    requireProven(kit, aliceAnswer, "wallet.wallets", hex(alice), "wallet");
    requireProven(kit, bobAnswer, "wallet.wallets", hex(bob), "wallet");
  }

  @Test
  void anUnknownWalletIsProvenAbsentAndProofsNeedTheRealValidators(TestKit kit) {
    run(kit, kit.keys("alice"), "create", "{\"name\": \"Alice\"}");

    JsonNode carol = wallet(kit, kit.keys("carol"));
    StateProof proof = StateProof.fromHex(wallet(kit, kit.keys("alice")).get("proof").asString());

    assertThat(carol.get("wallet").isNull()).isTrue();
    requireProven(kit, carol, "wallet.wallets", hex(kit.keys("carol")), "wallet");
    assertThatThrownBy(() -> proof.verifyMap(List.of(kit.keys("mallory").publicKey())))
        .isInstanceOf(ProofVerificationException.class);
  }

  @Test
  void walletsAreOnePerKeyAndMustExistToBeUsed(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    requireServiceError(
        fail(kit, alice, "issue", "{\"amount\": 5}"),
        2,
        "Key " + hex(alice) + " has no wallet; create one first");
    run(kit, alice, "create", "{\"name\": \"Alice\"}");

    requireServiceError(
        fail(kit, alice, "create", "{\"name\": \"Alice again\"}"),
        1,
        "Key " + hex(alice) + " already has a wallet");
    requireServiceError(
        fail(kit, alice, "transfer", "{\"to\": \"" + hex(bob) + "\", \"amount\": 1}"),
        3,
        "Receiver " + hex(bob) + " has no wallet; create one first");
    requireServiceError(
        fail(kit, bob, "transfer", "{\"to\": \"" + hex(alice) + "\", \"amount\": 1}"),
        2,
        "Sender " + hex(bob) + " has no wallet; create one first");
  }

  @Test
  void aTransferBeyondTheBalanceIsRefusedAndChangesNothing(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    KeyPair bob = kit.keys("bob");
    run(kit, alice, "create", "{\"name\": \"Alice\"}");
    run(kit, bob, "create", "{\"name\": \"Bob\"}");
    run(kit, alice, "issue", "{\"amount\": 10}");

    ExecutionError error =
        fail(kit, alice, "transfer", "{\"to\": \"" + hex(bob) + "\", \"amount\": 11}");

    requireServiceError(error, 4, "Insufficient funds: the balance is 10, the transfer needs 11");
    assertThat(wallet(kit, alice).get("wallet").get("balance").asLong()).isEqualTo(10);
    assertThat(wallet(kit, bob).get("wallet").get("balance").asLong()).isEqualTo(0);
  }

  @Test
  void malformedArgumentsAreRefusedNamingTheField(TestKit kit) {
    KeyPair alice = kit.keys("alice");
    run(kit, alice, "create", "{\"name\": \"Alice\"}");
    run(kit, alice, "issue", "{\"amount\": 9007199254740991}");

    assertThat(fail(kit, kit.keys("x"), "create", "{\"name\": \"  \"}").description())
        .startsWith("name must be a non-blank string of at most 64 characters");
    assertThat(fail(kit, kit.keys("x"), "create", "[]").description())
        .isEqualTo("Arguments must be a JSON object, got []");
    for (String amount : List.of("0", "-1", "1.5", "\"10\"", "null")) {
      ExecutionError error = fail(kit, kit.keys("y"), "issue", "{\"amount\": " + amount + "}");
      assertThat(error.code()).as(amount).isEqualTo(5);
      assertThat(error.description())
          .as(amount)
          .startsWith("amount must be a positive whole number");
    }
    assertThat(fail(kit, alice, "issue", "{\"amount\": 1}").description())
        .isEqualTo("Issuing 1 would take the balance beyond 9007199254740991");
    assertThat(fail(kit, alice, "transfer", "{\"to\": \"AB12\", \"amount\": 1}").description())
        .isEqualTo("to must be a public key as 64 lowercase hex digits, got \"AB12\"");
    requireServiceError(
        fail(kit, alice, "transfer", "{\"to\": \"" + hex(alice) + "\", \"amount\": 1}"),
        5,
        "A wallet cannot transfer to itself");
    // Text that is not JSON never reaches the service: the runtime refuses it.
    ExecutionError notJson = fail(kit, alice, "issue", "{amount: 1");
    assertThat(notJson.kind()).isEqualTo(ErrorKind.COMMON);
    assertThat(notJson.is(CommonError.MALFORMED_ARGUMENTS)).isTrue();
  }

  @Test
  void theEndpointRefusesAMalformedKey(TestKit kit) {
    EndpointResponse missing = kit.get("wallet", "wallet");
    EndpointResponse malformed = kit.get("wallet", "wallet?key=alice");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(Examples.parse(missing.json()).get("detail").asString())
        .isEqualTo("key must be a public key as 64 lowercase hex digits, got null");
    assertThat(Examples.parse(missing.json()).get("code").asInt()).isEqualTo(5);
    assertThat(malformed.status()).isEqualTo(400);
  }

  @Test
  void otherServicesCannotUseWallets() {
    // The registry calls method 0 of the service it is configured with; pointed at the wallet,
    // that is `create`, which wallets refuse from anything but a signed transaction.
    try (TestKit kit =
        TestKit.builder()
            .withArtifact(Examples.artifact("wallet-1.0.0.zip"))
            .withArtifact(Examples.artifact("registry-1.0.0.mjs"))
            .withService("wallet", "2:wallet:1.0.0")
            .withService(
                "registry",
                "2:registry:1.0.0",
                "{\"timestamping\": \"wallet\"}".getBytes(StandardCharsets.UTF_8))
            .start()) {
      String args = "{\"title\": \"Minutes\", \"hash\": \"" + "ab".repeat(32) + "\"}";
      ExecutionError error =
          kit.execute(kit.jsonTx(kit.keys("alice"), "registry", "register", args)).requireError();

      requireServiceError(
          error, 6, "Wallets belong to keys: sign a transaction to use one (called by a service)");
    }
  }

  private static JsonNode wallet(TestKit kit, KeyPair owner) {
    return ok(kit.get("wallet", "wallet?key=" + hex(owner)));
  }

  private static void run(TestKit kit, KeyPair author, String method, String json) {
    kit.execute(kit.jsonTx(author, "wallet", method, json)).requireOk();
  }

  private static ExecutionError fail(TestKit kit, KeyPair author, String method, String json) {
    return kit.execute(kit.jsonTx(author, "wallet", method, json)).requireError();
  }

  private static String hex(KeyPair keys) {
    return keys.publicKey().toString();
  }
}
