package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.blockchain.StateProof;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.proof.VerifiedListProof;
import io.polyhost.api.proof.VerifiedMapProof;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointRequest.Scope;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read endpoints proving their answers with {@code ctx.prove} and {@code ctx.proveList}: the proofs
 * verify against the validators' keys, prove absence, and fail under any other key.
 */
class EndpointProofTest {
  private static final String SERVICE =
      """
      export const service = {
        transactions: {
          put: { id: 0, run(ctx, args) {
            ctx.storage.proofMap('balances').put(args.who, args.balance);
            ctx.storage.proofList('log').push(args.who);
            ctx.storage.proofMap('raw', { key: 'bytes' }).put(Uint8Array.of(1, 2), 'two');
            ctx.storage.map('plain').put(args.who, 1);
          } },
          misuse: { id: 1, run(ctx) { ctx.prove('balances', 'x'); } },
        },
        endpoints: { public: {
          balance: (ctx, q) => ({ balance: ctx.storage.proofMap('balances').get(q.who) ?? null,
                                  proof: ctx.prove('balances', q.who) }),
          balances: (ctx) => ({ proof: ctx.prove('balances', ctx.queryAll.who) }),
          raw: (ctx) => ({ proof: ctx.prove('raw', Uint8Array.of(1, 2), { key: 'bytes' }) }),
          log: (ctx, q) => ({ proof: q.to === undefined ? ctx.proveList('log', Number(q.from))
                                                        : ctx.proveList('log', Number(q.from), Number(q.to)) }),
          plain: (ctx) => ({ proof: ctx.prove('plain', 'alice') }),
          none: (ctx) => ({ proof: ctx.prove('balances', []) }),
          tooMany: (ctx) => ({ proof: ctx.prove('balances', Array.from({ length: 1001 }, (_, i) => 'k' + i)) }),
          backwards: (ctx) => ({ proof: ctx.proveList('log', 3, 2) }),
        } },
      };
      """;

  private static final Pattern PROOF = Pattern.compile("\"proof\":\"([0-9a-f]+)\"");

  @TempDir Path dir;
  private JsFixture js;
  private InstanceSpec bank;
  private final List<KeyPair> validators = List.of(keyPair("validator 0"), keyPair("validator 1"));

  @BeforeEach
  void open() {
    js = new JsFixture(dir);
    bank = js.service(3, "bank", SERVICE);
    js.execute(bank, 0, "{\"who\": \"alice\", \"balance\": 10}");
    js.execute(bank, 0, "{\"who\": \"bob\", \"balance\": 25}");
    js.commit();
    js.certifyWith(validators);
  }

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void aProvenValueVerifiesAgainstTheValidatorsKeys() {
    EndpointResponse answer = get("balance", "who", "alice");
    VerifiedMapProof proven = proof(answer).verifyMap(keys());

    assertThat(answer.json()).startsWith("{\"balance\":10,\"proof\":\"");
    assertThat(proof(answer).indexName()).isEqualTo("bank.balances");
    assertThat(proof(answer).blockProof().block().height()).isEqualTo(js.height);
    assertThat(proven.present(Serializers.string(), Serializers.string()))
        .isEqualTo(Map.of("alice", "10"));
  }

  @Test
  void absenceIsProvenAndSeveralKeysAtOnce() {
    VerifiedMapProof carol = proof(get("balance", "who", "carol")).verifyMap(keys());
    VerifiedMapProof many =
        proof(endpoint("balances", Map.of("who", List.of("bob", "carol", "alice"))))
            .verifyMap(keys());
    VerifiedMapProof raw = proof(endpoint("raw", Map.of())).verifyMap(keys());

    assertThat(carol.missing(Serializers.string())).containsExactly("carol");
    assertThat(carol.presentEntries()).isEmpty();
    assertThat(many.present(Serializers.string(), Serializers.string()))
        .isEqualTo(Map.of("alice", "10", "bob", "25"));
    assertThat(many.missing(Serializers.string())).containsExactly("carol");
    assertThat(raw.value(new byte[] {1, 2}))
        .hasValueSatisfying(v -> assertThat(utf8(v)).isEqualTo("\"two\""));
  }

  @Test
  void aProofFailsUnderAnyOtherValidatorKeyAndAsAListProof() {
    StateProof proof = proof(get("balance", "who", "alice"));
    List<PublicKey> forged = List.of(keys().get(0), keyPair("mallory").publicKey());

    assertThatThrownBy(() -> proof.verifyMap(forged))
        .isInstanceOf(ProofVerificationException.class);
    assertThatThrownBy(() -> proof.verifyList(keys()))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("not of list elements");
  }

  @Test
  void listElementsAndTheListEndAreProven() {
    VerifiedListProof second = proof(get("log", "from", "1")).verifyList(keys());
    VerifiedListProof all =
        proof(endpoint("log", Map.of("from", List.of("0"), "to", List.of("10"))))
            .verifyList(keys());
    VerifiedListProof beyond = proof(get("log", "from", "7")).verifyList(keys());

    assertThat(second.length()).isEqualTo(2);
    assertThat(second.values(Serializers.string())).isEqualTo(Map.of(1L, "\"bob\""));
    assertThat(all.values(Serializers.string())).isEqualTo(Map.of(0L, "\"alice\"", 1L, "\"bob\""));
    assertThat(beyond.length()).isEqualTo(2);
    assertThat(beyond.entries()).isEmpty();
  }

  @Test
  void aNodeWithoutCertifiedBlocksAnswers503() {
    js.certifyWith(List.of());

    EndpointResponse answer = get("balance", "who", "alice");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json()).contains("cannot prove index bank.balances");
  }

  @Test
  void misusedProofsFailTheRequestWithAClearMessage() {
    assertThat(endpoint("plain", Map.of())).satisfies(r -> assertThat(r.status()).isEqualTo(500));
    assertThat(endpoint("none", Map.of()).json()).contains("1 to 1000 keys at once, asked for 0");
    assertThat(endpoint("tooMany", Map.of()).json()).contains("at most 1000 keys, asked for 1001");
    assertThat(endpoint("backwards", Map.of()).json())
        .contains("takes a position from 0 and, optionally, an end after it; got 3, 2");
    // Transactions change the state they would prove, so they have no ctx.prove.
    assertThatThrownBy(() -> js.execute(bank, 1, "null"))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().description()).contains("ctx.prove is not a function"));
  }

  private EndpointResponse get(String path, String parameter, String value) {
    return endpoint(path, Map.of(parameter, List.of(value)));
  }

  private EndpointResponse endpoint(String path, Map<String, List<String>> query) {
    return js.runtime
        .handleEndpoint(bank, new EndpointRequest(Scope.PUBLIC, path, query))
        .orElseThrow();
  }

  private static StateProof proof(EndpointResponse answer) {
    Matcher m = PROOF.matcher(answer.json());
    assertThat(m.find()).as("a proof in %s", answer).isTrue();
    return StateProof.fromHex(m.group(1));
  }

  private List<PublicKey> keys() {
    return validators.stream().map(KeyPair::publicKey).toList();
  }

  private static KeyPair keyPair(String name) {
    return KeyPair.fromSeed(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
