package io.polyhost.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.storage.IndexType;
import io.polyhost.api.storage.MapIndex;
import io.polyhost.api.storage.Serializers;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Random operations on {@link MapIndexView} against a {@link TreeMap} in UTF-8 byte order. */
public final class MapModelCheck {
  private MapModelCheck() {}

  /** Runs {@code operations} random operations, checking every observable after each one. */
  public static void run(RawIndexSource source, long seed, int operations) {
    ModelRun run = new ModelRun(source, IndexType.MAP, seed);
    MapIndex<String, String> map = open(run);
    TreeMap<String, String> model = new TreeMap<>(ModelRun.UTF8_ORDER);
    for (int step = 0; step < operations; step++) {
      if (run.begin(step)) {
        map = open(run);
      } else {
        String key = run.string(3);
        switch (run.choose(40, 25, 1)) {
          case 0 -> {
            String value = run.string(5);
            run.did("put " + key + "=" + value);
            map.put(key, value);
            model.put(key, value);
          }
          case 1 -> {
            run.did("remove " + key);
            map.remove(key);
            model.remove(key);
          }
          default -> {
            run.did("clear");
            map.clear();
            model.clear();
          }
        }
      }
      verify(run, map, model);
    }
  }

  private static MapIndex<String, String> open(ModelRun run) {
    return new MapIndexView<>(run.raw(), Serializers.string(), Serializers.string());
  }

  private static void verify(
      ModelRun run, MapIndex<String, String> map, TreeMap<String, String> model) {
    for (int k = 0; k < 4; k++) {
      String key = run.string(3);
      assertThat(map.get(key))
          .as(run.where() + " get " + key)
          .isEqualTo(Optional.ofNullable(model.get(key)));
      assertThat(map.containsKey(key)).as(run.where()).isEqualTo(model.containsKey(key));
    }
    assertThat(ModelRun.drain(map.entries()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(model.entrySet()));
    assertThat(ModelRun.drain(map.keys()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(model.keySet()));
    assertThat(ModelRun.drain(map.values()))
        .as(run.where())
        .isEqualTo(new ArrayList<>(model.values()));
    String from = run.string(3);
    assertThat(ModelRun.drain(map.entriesFrom(from)))
        .as(run.where() + " from=" + from)
        .isEqualTo(new ArrayList<Map.Entry<String, String>>(model.tailMap(from, true).entrySet()));
  }
}
