package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.Serializers;
import io.polyhost.api.storage.SparseListIndex;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Random operations on {@link SparseListIndexView} against a {@link TreeMap} from position to
 * element plus a capacity, following the semantics documented on {@link SparseListIndex}.
 */
public final class SparseListModelCheck {
  private SparseListModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.SPARSE_LIST, seed);
    SparseListIndex<String> list = new SparseListIndexView<>(run.raw(), Serializers.string());
    Model model = new Model();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        list = new SparseListIndexView<>(run.raw(), Serializers.string());
      } else {
        apply(run, list, model);
      }
      verify(run, list, model);
    }
  }

  /** The expected content: filled positions and the capacity. */
  private static final class Model {
    final TreeMap<Long, String> elements = new TreeMap<>();
    long capacity;
  }

  private static void apply(ModelRun run, SparseListIndex<String> list, Model model) {
    String value = run.string(4);
    switch (run.choose(20, 25, 15, 15, 6, 1)) {
      case 0 -> {
        run.did("add " + value);
        if (model.capacity == Long.MAX_VALUE) {
          assertThatThrownBy(() -> list.add(value))
              .as(run.where())
              .isInstanceOf(IndexOutOfBoundsException.class);
        } else {
          list.add(value);
          model.elements.put(model.capacity++, value);
        }
      }
      case 1 -> {
        long index = position(run, model);
        run.did("set " + index + " " + value);
        if (index == Long.MAX_VALUE) {
          assertThatThrownBy(() -> list.set(index, value))
              .as(run.where())
              .isInstanceOf(IndexOutOfBoundsException.class);
        } else {
          list.set(index, value);
          model.elements.put(index, value);
          model.capacity = Math.max(model.capacity, index + 1);
        }
      }
      case 2 -> {
        long index = position(run, model);
        run.did("remove " + index);
        assertThat(list.remove(index))
            .as(run.where())
            .isEqualTo(Optional.ofNullable(model.elements.remove(index)));
      }
      case 3 -> {
        run.did("removeLast");
        Map.Entry<Long, String> last = model.elements.pollLastEntry();
        model.capacity = model.elements.isEmpty() ? 0 : model.elements.lastKey() + 1;
        assertThat(list.removeLast())
            .as(run.where())
            .isEqualTo(Optional.ofNullable(last).map(Map.Entry::getValue));
      }
      case 4 -> {
        long newCapacity = position(run, model);
        run.did("truncate " + newCapacity);
        list.truncate(newCapacity);
        if (newCapacity < model.capacity) {
          model.elements.tailMap(newCapacity, true).clear();
          model.capacity = newCapacity;
        }
      }
      default -> {
        run.did("clear");
        list.clear();
        model.elements.clear();
        model.capacity = 0;
      }
    }
  }

  /** Mostly near the end, sometimes far past it to leave a huge hole, rarely at the very top. */
  private static long position(ModelRun run, Model model) {
    return switch (run.random.nextInt(100)) {
      case 0 -> Long.MAX_VALUE;
      case 1 -> Long.MAX_VALUE - 1;
      case 2, 3 -> saturatedAdd(model.capacity, run.random.nextLong(1L << 40));
      default -> saturatedAdd(Math.max(0, model.capacity - 6), run.random.nextInt(10));
    };
  }

  private static long saturatedAdd(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  private static void verify(ModelRun run, SparseListIndex<String> list, Model model) {
    assertThat(list.size()).as(run.where()).isEqualTo(model.elements.size());
    assertThat(list.capacity()).as(run.where()).isEqualTo(model.capacity);
    for (int k = 0; k < 4; k++) {
      long index = position(run, model);
      assertThat(list.get(index))
          .as(run.where() + " get " + index)
          .isEqualTo(Optional.ofNullable(model.elements.get(index)));
    }
    for (Map.Entry<Long, String> e : model.elements.entrySet()) {
      assertThat(list.get(e.getKey())).as(run.where()).contains(e.getValue());
    }
    assertThat(ModelRun.drain(list.entries()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(model.elements.entrySet()));
    assertThat(ModelRun.drain(list.values()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(model.elements.values()));
  }
}
