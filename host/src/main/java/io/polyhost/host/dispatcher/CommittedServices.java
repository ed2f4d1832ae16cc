package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The instances as of the last committed block: what routing, hooks and {@code check_tx} follow.
 * Immutable; the dispatcher swaps in a new table at each commit, so pool threads can read it while
 * a block executes.
 */
final class CommittedServices {
  /** A committed instance: its spec and committed status. */
  record Service(InstanceSpec spec, InstanceStatus status) {
    int runtimeId() {
      return spec.artifact().runtimeId();
    }

    boolean isActive() {
      return status instanceof InstanceStatus.Active;
    }
  }

  static final CommittedServices EMPTY = new CommittedServices(new TreeMap<>());

  private final Map<Integer, Service> byId;
  private final Map<String, Integer> idsByName;
  private final List<Service> active;

  private CommittedServices(TreeMap<Integer, Service> byId) {
    this.byId = Collections.unmodifiableMap(byId);
    Map<String, Integer> names = new TreeMap<>();
    List<Service> activeServices = new ArrayList<>();
    for (Service s : byId.values()) {
      names.put(s.spec().name(), s.spec().id());
      if (s.isActive()) {
        activeServices.add(s);
      }
    }
    this.idsByName = Collections.unmodifiableMap(names);
    this.active = List.copyOf(activeServices);
  }

  /** This table with {@code states} applied (instances without a committed status are skipped). */
  CommittedServices with(List<InstanceState> states) {
    TreeMap<Integer, Service> next = new TreeMap<>(byId);
    for (InstanceState state : states) {
      state
          .status()
          .ifPresent(status -> next.put(state.spec().id(), new Service(state.spec(), status)));
    }
    return new CommittedServices(next);
  }

  Optional<Service> get(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<Service> get(String name) {
    Integer id = idsByName.get(name);
    return id == null ? Optional.empty() : get(id);
  }

  /** The active services in ascending id order: the order hooks run in. */
  List<Service> active() {
    return active;
  }
}
