package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.KeySetIndex;
import io.polyhost.api.storage.Serializers;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Random operations on {@link KeySetIndexView} of signed 64-bit keys against a {@link TreeSet}: the
 * set must iterate in numeric order, negative keys first.
 */
public final class KeySetModelCheck {
  private KeySetModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.KEY_SET, seed);
    KeySetIndex<Long> set = new KeySetIndexView<>(run.raw(), Serializers.int64());
    TreeSet<Long> model = new TreeSet<>();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        set = new KeySetIndexView<>(run.raw(), Serializers.int64());
      } else {
        long key = key(run);
        switch (run.choose(40, 25, 1)) {
          case 0 -> {
            run.did("add " + key);
            set.add(key);
            model.add(key);
          }
          case 1 -> {
            run.did("remove " + key);
            set.remove(key);
            model.remove(key);
          }
          default -> {
            run.did("clear");
            set.clear();
            model.clear();
          }
        }
      }
      for (int k = 0; k < 4; k++) {
        long key = key(run);
        assertThat(set.contains(key))
            .as(run.where() + " contains " + key)
            .isEqualTo(model.contains(key));
      }
      assertThat(ModelRun.drain(set.iterator())).as(run.where()).isEqualTo(new ArrayList<>(model));
      long from = key(run);
      assertThat(ModelRun.drain(set.iteratorFrom(from)))
          .as(run.where() + " from=" + from)
          .isEqualTo(new ArrayList<>(model.tailSet(from, true)));
    }
  }

  private static long key(ModelRun run) {
    return switch (run.random.nextInt(30)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      case 2 -> run.random.nextLong();
      default -> run.random.nextInt(61) - 30;
    };
  }
}
