package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.IndexProof;
import io.polyhost.api.proof.MapKeyMode;
import io.polyhost.api.proof.MapProof;
import io.polyhost.api.proof.ProofVerificationException;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.MemoryRawIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index proofs against a state aggregator built like the database builds it. */
class IndexProofTest {
  private final ProofMapIndexView<String, Hash> aggregator =
      new ProofMapIndexView<>(
          new MemoryRawIndex("__state_aggregator__", IndexType.PROOF_MAP),
          Serializers.string(),
          Serializers.hash(),
          true);

  IndexProofTest() {
    for (String name :
        List.of("wallet.balances", "wallet.history", "core.blocks", "token.owners")) {
      aggregator.put(name, Hash.sha256(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Test
  void provesTheHashOfAnAggregatedIndex() {
    Hash state = aggregator.objectHash();
    IndexProof proof = new IndexProof("wallet.balances", aggregator.proof("wallet.balances"));
    assertThat(proof.verify(state)).contains(aggregator.get("wallet.balances").orElseThrow());
    assertThat(IndexProof.fromProto(proof.toProto()).verify(state)).isEqualTo(proof.verify(state));
  }

  @Test
  void provesThatAnIndexIsNotAggregated() {
    Hash state = aggregator.objectHash();
    assertThat(new IndexProof("wallet.ghost", aggregator.proof("wallet.ghost")).verify(state))
        .isEmpty();
  }

  @Test
  void rejectsAProofOfAnotherNameOrStateOrSeveralNames() {
    Hash state = aggregator.objectHash();
    MapProof other = aggregator.proof("core.blocks");
    assertThatThrownBy(() -> new IndexProof("wallet.balances", other).verify(state))
        .isInstanceOf(ProofVerificationException.class)
        .hasMessageContaining("must cover exactly that one name");
    MapProof two = aggregator.proof(List.of("wallet.balances", "core.blocks"));
    assertThatThrownBy(() -> new IndexProof("wallet.balances", two).verify(state))
        .hasMessageContaining("it covers 2 keys");
    aggregator.put("token.owners", Hash.zero());
    Hash newState = aggregator.objectHash();
    assertThatThrownBy(() -> new IndexProof("core.blocks", other).verify(newState))
        .hasMessageContaining("expected map hash is " + newState);
  }

  @Test
  void rejectsAValueThatIsNotAHash() {
    ProofMapIndexView<String, byte[]> bad =
        new ProofMapIndexView<>(
            new MemoryRawIndex("bad", IndexType.PROOF_MAP),
            Serializers.string(),
            Serializers.bytes(),
            true);
    bad.put("x.y", new byte[5]);
    assertThatThrownBy(() -> new IndexProof("x.y", bad.proof("x.y")).verify(bad.objectHash()))
        .hasMessageContaining("is 5 bytes; an index hash is 32");
    assertThat(bad.proof("x.y").keyMode()).isEqualTo(MapKeyMode.HASHED);
  }
}
