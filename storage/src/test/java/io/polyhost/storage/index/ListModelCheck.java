package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.ListIndex;
import io.polyhost.api.storage.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Random operations on {@link ListIndexView} against an {@link ArrayList}. */
public final class ListModelCheck {
  private ListModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.LIST, seed);
    ListIndex<String> list = new ListIndexView<>(run.raw(), Serializers.string());
    List<String> model = new ArrayList<>();
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        list = new ListIndexView<>(run.raw(), Serializers.string());
      } else {
        apply(run, list, model);
      }
      verify(run, list, model);
    }
  }

  private static void apply(ModelRun run, ListIndex<String> list, List<String> model) {
    int size = model.size();
    switch (run.choose(30, 8, 15, 15, 8, 1)) {
      case 0 -> {
        String value = run.string(5);
        run.did("add " + value);
        list.add(value);
        model.add(value);
      }
      case 1 -> {
        List<String> values = new ArrayList<>();
        for (int n = run.random.nextInt(6); n > 0; n--) {
          values.add(run.string(5));
        }
        run.did("addAll " + values);
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

  private static void verify(ModelRun run, ListIndex<String> list, List<String> model) {
    int size = model.size();
    assertThat(list.size()).as(run.where()).isEqualTo(size);
    assertThat(list.isEmpty()).as(run.where()).isEqualTo(model.isEmpty());
    assertThat(list.last())
        .as(run.where())
        .isEqualTo(model.isEmpty() ? Optional.empty() : Optional.of(model.getLast()));
    assertThat(ModelRun.drain(list.iterator())).as(run.where()).isEqualTo(model);
    int from = run.random.nextInt(size + 3);
    assertThat(ModelRun.drain(list.iterator(from)))
        .as(run.where() + " from=" + from)
        .isEqualTo(model.subList(Math.min(from, size), size));
    for (int k = 0; k < 3; k++) {
      int index = run.random.nextInt(size + 3);
      Optional<String> expected = index < size ? Optional.of(model.get(index)) : Optional.empty();
      assertThat(list.get(index)).as(run.where() + " get " + index).isEqualTo(expected);
    }
  }
}
