package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import io.polyhost.api.storage.Entry;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ProofEntry;
import io.polyhost.api.storage.Serializer;
import io.polyhost.api.storage.Serializers;
import java.util.Optional;

/**
 * Random operations on {@link EntryView} and {@link ProofEntryView} against an {@link Optional}.
 */
public final class EntryModelCheck {
  private static final Serializer<String> VALUES = Serializers.string();

  private EntryModelCheck() {}

  /** Runs {@code operations} random operations on an entry, checking after each one. */
  public static void runEntry(RawIndexSource source, long seed, int operations) {
    run(source, IndexType.ENTRY, seed, operations);
  }

  /** Runs {@code operations} random operations on a proof entry, checking after each one. */
  public static void runProofEntry(RawIndexSource source, long seed, int operations) {
    run(source, IndexType.PROOF_ENTRY, seed, operations);
  }

  private static void run(RawIndexSource source, IndexType type, long seed, int operations) {
    ModelRun run = new ModelRun(source, type, seed);
    Entry<String> view = open(run, type);
    Optional<String> model = Optional.empty();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        view = open(run, type);
      } else if (run.choose(3, 1) == 0) {
        String value = run.string(6);
        run.did("set " + value);
        view.set(value);
        model = Optional.of(value);
      } else {
        run.did("remove");
        view.remove();
        model = Optional.empty();
      }
      assertThat(view.get()).as(run.where()).isEqualTo(model);
      assertThat(view.isPresent()).as(run.where()).isEqualTo(model.isPresent());
      if (view instanceof ProofEntry<String> proof) {
        Hash expected = model.map(v -> Hashing.value(VALUES.encode(v))).orElse(Hash.zero());
        assertThat(proof.objectHash()).as(run.where()).isEqualTo(expected);
        assertThat(ProofEntryView.objectHashOf(run.raw())).as(run.where()).isEqualTo(expected);
      }
    }
  }

  private static Entry<String> open(ModelRun run, IndexType type) {
    return type == IndexType.ENTRY
        ? new EntryView<>(run.raw(), VALUES)
        : new ProofEntryView<>(run.raw(), VALUES);
  }
}
