package io.polyhost.host.dispatcher;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.runtime.Runtime;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The runtimes a dispatcher hosts, by numeric id, iterated in id order. */
final class Runtimes {
  private final SortedMap<Integer, Runtime> byId;

  Runtimes(Map<Integer, Runtime> runtimes) {
    this.byId = Collections.unmodifiableSortedMap(new TreeMap<>(runtimes));
  }

  Optional<Runtime> find(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The runtime {@code id}.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link CoreError#INCORRECT_RUNTIME}
   */
  Runtime get(int id) {
    Runtime runtime = byId.get(id);
    if (runtime == null) {
      throw CoreError.INCORRECT_RUNTIME.exception(
          "No runtime with id " + id + " on this node; known runtimes: " + byId.keySet());
    }
    return runtime;
  }

  Map<Integer, Runtime> all() {
    return byId;
  }
}
