package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.ValueSetIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Random operations on {@link ValueSetIndexView} against a {@link HashMap} from hash to value. */
public final class ValueSetModelCheck {
  private ValueSetModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.VALUE_SET, seed);
    ValueSetIndex<String> set = new ValueSetIndexView<>(run.raw(), Serializers.string());
    Map<Hash, String> model = new HashMap<>();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        set = new ValueSetIndexView<>(run.raw(), Serializers.string());
      } else {
        String value = run.string(3);
        switch (run.choose(40, 15, 15, 1)) {
          case 0 -> {
            run.did("add " + value);
            set.add(value);
            model.put(hash(value), value);
          }
          case 1 -> {
            run.did("remove " + value);
            set.remove(value);
            model.remove(hash(value));
          }
          case 2 -> {
            run.did("removeByHash " + value);
            set.removeByHash(hash(value));
            model.remove(hash(value));
          }
          default -> {
            run.did("clear");
            set.clear();
            model.clear();
          }
        }
      }
      verify(run, set, model);
    }
  }

  private static void verify(ModelRun run, ValueSetIndex<String> set, Map<Hash, String> model) {
    for (int k = 0; k < 4; k++) {
      String value = run.string(3);
      Hash hash = hash(value);
      assertThat(set.contains(value))
          .as(run.where() + " contains " + value)
          .isEqualTo(model.containsKey(hash));
      assertThat(set.containsByHash(hash)).as(run.where()).isEqualTo(model.containsKey(hash));
      assertThat(set.getByHash(hash))
          .as(run.where())
          .isEqualTo(Optional.ofNullable(model.get(hash)));
    }
    TreeMap<Hash, String> ordered = new TreeMap<>(model);
    assertThat(ModelRun.drain(set.entries()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(ordered.entrySet()));
    assertThat(ModelRun.drain(set.hashes()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(ordered.keySet()));
  }

  // Computed here from the definition (plain SHA-256 of the UTF-8 bytes), not through the view.
  private static Hash hash(String value) {
    return Hash.sha256(value.getBytes(StandardCharsets.UTF_8));
  }
}
