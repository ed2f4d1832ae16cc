package io.polyhost.storage.index;

import static io.polyhost.storage.index.ListFixtures.assertLayout;
import static io.polyhost.storage.index.ListFixtures.element;
import static io.polyhost.storage.index.ListFixtures.elements;
import static io.polyhost.storage.index.ListFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ListProof;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.RawIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link ProofListIndexView} over any {@link RawIndex}: a seeded random walk of
 * mutations checked against a plain {@link List} and an independent hasher, and the edge cases.
 *
 * <p>Subclass it with a {@link #newEmptyRawIndex()} to run it over another storage (the in-memory
 * fixture, the real database).
 */
public abstract class ProofListIndexContract {
  private static final int STEPS = 1500;
  private static final int MAX_MODEL_SIZE = 600;

  /** A fresh, empty, writable raw index of type {@code PROOF_LIST}. */
  protected abstract RawIndex newEmptyRawIndex();

  @Test
  void randomOperationsMatchAPlainList() {
    long seed = TestSeed.pick("randomOperationsMatchAPlainList");
    Random random = new Random(seed);
    RawIndex raw = newEmptyRawIndex();
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    List<byte[]> model = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      String op = randomOperation(random, list, model);
      String context = "seed=" + seed + ", step " + step + ": " + op;
      assertThat(list.size()).as(context).isEqualTo(model.size());
      Hash hash = list.objectHash();
      assertThat(hash).as("objectHash, " + context).isEqualTo(ReferenceListHasher.listHash(model));
      assertThat(ProofListIndexView.objectHashOf(raw))
          .as("objectHashOf, " + context)
          .isEqualTo(hash);
      if (step % 25 == 0 || step == STEPS - 1) {
        assertContents(list, model, random, context);
        assertLayout(raw, model.size(), context);
        assertRandomProofsVerify(list, model, random, hash, context);
      }
    }
  }

  private static String randomOperation(
      Random random, ProofListIndexView<byte[]> list, List<byte[]> model) {
    int size = model.size();
    int dice = random.nextInt(100);
    if (size > MAX_MODEL_SIZE && dice < 70) {
      dice = 90; // Keep the model small enough for the quadratic reference checks.
    }
    if (dice < 30) {
      byte[] value = randomBytes(random);
      list.add(value);
      model.add(value);
      return "add at " + size;
    } else if (dice < 45) {
      int count = random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(12);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        values.add(randomBytes(random));
      }
      list.addAll(values);
      model.addAll(values);
      return "addAll of " + count + " at " + size;
    } else if (dice < 70 && size > 0) {
      int index = random.nextInt(size);
      byte[] value = randomBytes(random);
      list.set(index, value);
      model.set(index, value);
      return "set " + index + " of " + size;
    } else if (dice < 82) {
      byte[] expected = size == 0 ? null : model.removeLast();
      assertThat(list.removeLast().map(ListFixtures::hex))
          .as("removeLast of " + size)
          .isEqualTo(Optional.ofNullable(expected).map(ListFixtures::hex));
      return "removeLast of " + size;
    } else if (dice < 97) {
      int newSize = random.nextInt(size + 6);
      list.truncate(newSize);
      while (model.size() > newSize) {
        model.removeLast();
      }
      return "truncate " + size + " to " + newSize;
    } else {
      list.clear();
      model.clear();
      return "clear of " + size;
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] value = new byte[random.nextInt(5) == 0 ? 0 : random.nextInt(40)];
    random.nextBytes(value);
    return value;
  }

  private static void assertContents(
      ProofListIndexView<byte[]> list, List<byte[]> model, Random random, String context) {
    List<String> expected = hex(model);
    List<String> byGet = new ArrayList<>();
    for (long i = 0; i < list.size(); i++) {
      byGet.add(hex(list.get(i).orElseThrow()));
    }
    assertThat(byGet).as("get, " + context).isEqualTo(expected);
    assertThat(hex(list)).as("iterator, " + context).isEqualTo(expected);
    int from = random.nextInt(model.size() + 3);
    assertThat(hex(list.iterator(from)))
        .as("iterator from " + from + ", " + context)
        .isEqualTo(expected.subList(Math.min(from, expected.size()), expected.size()));
    assertThat(list.get(model.size())).as("get past the end, " + context).isEmpty();
    assertThat(list.last().map(ListFixtures::hex))
        .as("last, " + context)
        .isEqualTo(model.isEmpty() ? Optional.empty() : Optional.of(expected.getLast()));
  }

  private static void assertRandomProofsVerify(
      ProofListIndexView<byte[]> list,
      List<byte[]> model,
      Random random,
      Hash hash,
      String context) {
    List<String> expected = hex(model);
    long index = random.nextInt(model.size() + 2);
    ListProof single = list.proof(index);
    assertThat(
            hex(
                single.verifyRange(hash, index, index + 1).entries().stream()
                    .map(ListProofEntry::value)
                    .iterator()))
        .as("proof of " + index + ", " + context)
        .isEqualTo(index < model.size() ? List.of(expected.get((int) index)) : List.of());
    int from = random.nextInt(model.size() + 2);
    int to = from + random.nextInt(model.size() + 2);
    ListProof range = list.rangeProof(from, to);
    int end = Math.min(to, model.size());
    assertThat(
            hex(
                range.verifyRange(hash, from, to).entries().stream()
                    .map(ListProofEntry::value)
                    .iterator()))
        .as("proof of [" + from + ", " + to + "), " + context)
        .isEqualTo(from < end ? expected.subList(from, end) : List.of());
  }

  @Test
  void addAllAcrossSeveralBatchesMatchesTheReference() {
    RawIndex raw = newEmptyRawIndex();
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    List<byte[]> model = new ArrayList<>(elements(0, 5));
    list.addAll(model);
    List<byte[]> more = elements(5, 2 * ProofListIndexView.BATCH_SIZE + 3);
    list.addAll(more);
    model.addAll(more);
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(model));
    assertThat(hex(list)).isEqualTo(hex(model));
    assertLayout(raw, model.size(), "after addAll of " + more.size());
    list.set(ProofListIndexView.BATCH_SIZE, element(-1));
    model.set(ProofListIndexView.BATCH_SIZE, element(-1));
    list.truncate(ProofListIndexView.BATCH_SIZE + 1);
    List<byte[]> truncated = model.subList(0, ProofListIndexView.BATCH_SIZE + 1);
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(truncated));
    assertLayout(raw, truncated.size(), "after truncate");
  }

  @Test
  void aFailingSerializerLeavesTheListUntouched() {
    RawIndex raw = newEmptyRawIndex();
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
    assertThatThrownBy(() -> list.addAll(List.of("b", "bad", "c")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.set(0, "bad")).isInstanceOf(IllegalArgumentException.class);
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.objectHash()).isEqualTo(before);
    assertLayout(raw, 1, "after failed writes");
  }

  @Test
  void boundsAreChecked() {
    ProofListIndexView<byte[]> list =
        ListFixtures.fill(new ProofListIndexView<>(newEmptyRawIndex(), Serializers.bytes()), 3);
    assertThat(list.get(-1)).isEmpty();
    assertThat(list.get(3)).isEmpty();
    assertThatThrownBy(() -> list.set(3, element(0)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("Index 3 is out of bounds")
        .hasMessageContaining("size 3");
    assertThatThrownBy(() -> list.set(-1, element(0)))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.truncate(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.iterator(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.proof(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.rangeProof(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> list.rangeProof(2, 1)).isInstanceOf(IllegalArgumentException.class);
    list.truncate(10);
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.iterator(7).hasNext()).isFalse();
  }

  @Test
  void anEmptyListHasTheSchemeHashAndNoElements() {
    RawIndex raw = newEmptyRawIndex();
    ProofListIndexView<byte[]> list = new ProofListIndexView<>(raw, Serializers.bytes());
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.objectHash()).isEqualTo(ReferenceListHasher.listHash(List.of()));
    assertThat(ProofListIndexView.objectHashOf(raw)).isEqualTo(list.objectHash());
    assertThat(list.removeLast()).isEmpty();
    assertThat(list.last()).isEmpty();
    assertThat(list.iterator().hasNext()).isFalse();
    list.clear();
    list.addAll(List.of());
    assertLayout(raw, 0, "empty");
  }

  @Test
  void typedValuesRoundTripAndTwoViewsAgree() {
    RawIndex raw = newEmptyRawIndex();
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
