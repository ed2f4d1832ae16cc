package io.polyhost.storage.index;

import static io.polyhost.storage.index.ListFixtures.assertLayout;
import static io.polyhost.storage.index.ListFixtures.element;
import static io.polyhost.storage.index.ListFixtures.elements;
import static io.polyhost.storage.index.ListFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edge cases of {@link ProofListIndexView} over any raw index: batches, failed writes, bounds,
 * the empty list, several views. The random walk is {@link ProofListModelCheck}, run by {@link
 * IndexModelContract}.
 *
 * <p>Subclass it with a {@link #source()} to run it over another storage.
 */
public abstract class ProofListIndexContract {
  /** The raw indexes under test. */
  protected abstract RawIndexSource source();

  private RawIndex newRaw() {
    return source().create(IndexType.PROOF_LIST);
  }

  @Test
  void addAllAcrossSeveralBatchesMatchesTheReference() {
    RawIndex raw = newRaw();
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    List<byte[]> model = new ArrayList<>(elements(0, 5));
    list.addAll(model);
    List<byte[]> more = elements(5, 2 * ProofListIndexView.BATCH_SIZE + 3);
    list.addAll(more);
    model.addAll(more);
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(model));
    assertThat(hex(list)).isEqualTo(hex(model));
    assertLayout(raw, model.size(), "after addAll of " + more.size());
    int middle = ProofListIndexView.BATCH_SIZE;
    list.set(middle, element(-1));
    model.set(middle, element(-1));
    list.truncate(middle + 1);
    List<byte[]> truncated = model.subList(0, middle + 1);
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(truncated));
    assertLayout(raw, truncated.size(), "after truncate");
  }

  @Test
  void aFailingSerializerLeavesTheListUntouched() {
    RawIndex raw = newRaw();
    Serializer<String> picky =
        new Serializer<>() {
          @Override
          public byte[] encode(String value) {
            if (value.equals("bad")) {
              throw new IllegalArgumentException("cannot encode 'bad'");
            }
            return Serializers.string().encode(value);
          }

          @Override
          public String decode(byte[] bytes) {
            return Serializers.string().decode(bytes);
          }
        };
    ProofListIndexView<String> list = new ProofListIndexView<>(raw, picky);
    list.add("a");
    Hash before = list.objectHash();
    List<String> badInSecondBatch = new ArrayList<>();
    for (int i = 0; i < ProofListIndexView.BATCH_SIZE + 5; i++) {
      badInSecondBatch.add("v" + i);
    }
    badInSecondBatch.add("bad");
    assertThatThrownBy(() -> list.addAll(badInSecondBatch))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.addAll(List.of("b", "bad")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.set(0, "bad")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.add("bad")).isInstanceOf(IllegalArgumentException.class);
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.objectHash()).isEqualTo(before);
    assertLayout(raw, 1, "after failed writes");
  }

  @Test
  void positionsAreChecked() {
    ProofListIndexView<byte[]> list =
        ListFixtures.fill(new ProofListIndexView<>(newRaw(), Serializers.bytes()), 3);
    assertThat(list.get(3)).isEmpty();
    assertThat(list.get(Long.MAX_VALUE)).isEmpty();
    assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.set(3, element(0)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("Position 3 is outside proof list")
        .hasMessageContaining("size 3");
    assertThatThrownBy(() -> list.set(-1, element(0)))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.truncate(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.iterator(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.proof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.rangeProof(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.rangeProof(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 1)");
    list.truncate(10);
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.iterator(7).hasNext()).isFalse();
  }

  @Test
  void anEmptyListHasTheSchemeHashAndNoElements() {
    RawIndex raw = newRaw();
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(List.of()));
    assertThat(ProofListIndexView.objectHashOf(raw)).isEqualTo(list.objectHash());
    assertThat(list.removeLast()).isEmpty();
    assertThat(list.last()).isEmpty();
    assertThat(list.iterator().hasNext()).isFalse();
    list.clear();
    list.addAll(List.of());
    list.add(element(0));
    list.truncate(0);
    assertLayout(raw, 0, "emptied");
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(List.of()));
  }

  @Test
  void typedValuesRoundTripAndTwoViewsAgree() {
    RawIndex raw = newRaw();
    ProofListIndexView<String> writer = new ProofListIndexView<>(raw, Serializers.string());
    ProofListIndexView<String> reader = new ProofListIndexView<>(raw, Serializers.string());
    writer.addAll(List.of("alpha", "beta", "gamma"));
    writer.set(1, "BETA");
    assertThat(reader.size()).isEqualTo(3);
    assertThat(reader.get(1)).contains("BETA");
    assertThat(reader.objectHash()).isEqualTo(writer.objectHash());
    assertThat(reader.rangeProof(1, 3).verify(writer.objectHash()).values(Serializers.string()))
        .containsExactly(Map.entry(1L, "BETA"), Map.entry(2L, "gamma"));
    assertThat(writer.removeLast()).contains("gamma");
    assertThat(reader.last()).contains("BETA");
  }
}
