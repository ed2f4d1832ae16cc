package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.ListProofEntry;
import io.polyhost.api.proof.VerifiedListProof;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofListIndex;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Random operations on {@link ProofListIndexView} against an {@link ArrayList}. After every step
 * the contents, the raw layout (no stale nodes), the object hash (against the independent {@link
 * ReferenceListHasher}) and a random element proof and range proof are checked.
 */
public final class ProofListModelCheck {
  private static final Serializer<String> VALUES = Serializers.string();
  // The reference hash is linear in the size; this keeps a run quick.
  private static final int MAX_SIZE = 300;

  private ProofListModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.PROOF_LIST, seed);
    ProofListIndex<String> list = new ProofListIndexView<>(run.raw(), VALUES);
    List<String> model = new ArrayList<>();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        list = new ProofListIndexView<>(run.raw(), VALUES);
      } else {
        apply(run, list, model);
      }
      verify(run, list, model);
    }
  }

  private static void apply(ModelRun run, ProofListIndex<String> list, List<String> model) {
    int size = model.size();
    int choice = size > MAX_SIZE ? 4 : run.choose(30, 10, 20, 12, 12, 1);
    switch (choice) {
      case 0 -> {
        String value = run.string(5);
        run.did("add " + value);
        list.add(value);
        model.add(value);
      }
      case 1 -> {
        int count = run.random.nextInt(8) == 0 ? run.random.nextInt(200) : run.random.nextInt(6);
        List<String> values = new ArrayList<>();
        for (int n = 0; n < count; n++) {
          values.add(run.string(5));
        }
        run.did("addAll of " + count);
        list.addAll(values);
        model.addAll(values);
      }
      case 2 -> {
        long index = run.random.nextInt(size + 3);
        String value = run.string(5);
        run.did("set " + index + " " + value);
        if (index < size) {
          list.set(index, value);
          model.set((int) index, value);
        } else {
          assertThatThrownBy(() -> list.set(index, value))
              .as(run.where())
              .isInstanceOf(IndexOutOfBoundsException.class);
        }
      }
      case 3 -> {
        run.did("removeLast");
        Optional<String> expected =
            model.isEmpty() ? Optional.empty() : Optional.of(model.removeLast());
        assertThat(list.removeLast()).as(run.where()).isEqualTo(expected);
      }
      case 4 -> {
        long newSize = run.random.nextInt(size + 3);
        run.did("truncate " + newSize);
        list.truncate(newSize);
        while (model.size() > newSize) {
          model.removeLast();
        }
      }
      default -> {
        run.did("clear");
        list.clear();
        model.clear();
      }
    }
  }

  private static void verify(ModelRun run, ProofListIndex<String> list, List<String> model) {
    int size = model.size();
    assertThat(list.size()).as(run.where()).isEqualTo(size);
    assertThat(list.last())
        .as(run.where())
        .isEqualTo(model.isEmpty() ? Optional.empty() : Optional.of(model.getLast()));
    assertThat(ModelRun.drain(list.iterator())).as(run.where()).isEqualTo(model);
    int from = run.random.nextInt(size + 3);
    assertThat(ModelRun.drain(list.iterator(from)))
        .as(run.where() + " from=" + from)
        .isEqualTo(model.subList(Math.min(from, size), size));
    int index = run.random.nextInt(size + 3);
    assertThat(list.get(index))
        .as(run.where() + " get " + index)
        .isEqualTo(index < size ? Optional.of(model.get(index)) : Optional.empty());
    ListFixtures.assertLayout(run.raw(), size, run.where());

    Hash hash = list.objectHash();
    List<byte[]> encoded = model.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    assertThat(hash).as(run.where()).isEqualTo(ReferenceListHasher.listHash(encoded));
    assertThat(ProofListIndexView.objectHashOf(run.raw())).as(run.where()).isEqualTo(hash);

    int proven = run.random.nextInt(size + 2);
    assertThat(values(list.proof(proven).verifyRange(hash, proven, proven + 1)))
        .as(run.where() + " proof " + proven)
        .isEqualTo(proven < size ? List.of(model.get(proven)) : List.of());
    int start = run.random.nextInt(size + 2);
    int end = start + run.random.nextInt(size + 2);
    assertThat(values(list.rangeProof(start, end).verifyRange(hash, start, end)))
        .as(run.where() + " range proof [" + start + ", " + end + ")")
        .isEqualTo(model.subList(Math.min(start, size), Math.min(end, size)));
  }

  private static List<String> values(VerifiedListProof verified) {
    return verified.entries().stream().map(ListProofEntry::value).map(VALUES::decode).toList();
  }
}
