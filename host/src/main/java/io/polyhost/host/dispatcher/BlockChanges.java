package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a block changed in the registry, as the commit needs it: artifacts to deploy or unload, and
 * instances whose runtimes must hear their new state.
 */
record BlockChanges(
    List<ArtifactId> deployed, List<ArtifactId> unloaded, List<Modified> instances) {
  /** An instance changed by the block, and what the change means for its migration. */
  record Modified(InstanceState state, MigrationStep step) {}

  /** Whether the block changed neither an artifact nor an instance. */
  boolean isEmpty() {
    return deployed.isEmpty() && unloaded.isEmpty() && instances.isEmpty();
  }

  /** Whether any artifact or instance is marked as changed in the block so far. */
  static boolean anyPending(DispatcherSchema schema) {
    return schema.pendingArtifacts().iterator().hasNext()
        || schema.pendingInstances().keys().hasNext();
  }

  /**
   * Ends the block's transitions: pending artifacts become active (or leave the registry), pending
   * statuses become statuses. Runs before the state hash is taken, so the new statuses are part of
   * the block's state.
   */
  static void activatePending(DispatcherSchema schema) {
    var artifacts = schema.artifacts();
    for (ArtifactId artifact : list(schema.pendingArtifacts())) {
      var state = artifacts.get(artifact).orElseThrow();
      switch (ArtifactStatus.fromProto(state.getStatus())) {
        case DEPLOYING ->
            artifacts.put(
                artifact, state.toBuilder().setStatus(ArtifactStatus.ACTIVE.toProto()).build());
        case UNLOADING -> artifacts.remove(artifact);
        case ACTIVE -> {}
      }
    }
    for (String name : list(schema.pendingInstances().keys())) {
      InstanceState state = schema.instance(name).orElseThrow();
      state
          .pendingStatus()
          .ifPresent(pending ->
              schema.putInstance(
                  new InstanceState(
                      state.spec(), Optional.of(pending), Optional.empty(), state.dataVersion())));
    }
  }

  /** Reads and clears the block's pending markers; call after {@link #activatePending}. */
  static BlockChanges take(DispatcherSchema schema) {
    List<ArtifactId> deployed = new ArrayList<>();
    List<ArtifactId> unloaded = new ArrayList<>();
    List<ArtifactId> pendingArtifacts = list(schema.pendingArtifacts());
    // Most blocks change nothing here; clearing an empty index would still cost a range
    // deletion and a metadata write in every block's patch, and opening the registry a read.
    if (!pendingArtifacts.isEmpty()) {
      var registry = schema.artifacts();
      for (ArtifactId artifact : pendingArtifacts) {
        (registry.containsKey(artifact) ? deployed : unloaded).add(artifact);
      }
      schema.pendingArtifacts().clear();
    }
    List<Modified> instances = new ArrayList<>();
    schema
        .pendingInstances()
        .entries()
        .forEachRemaining(e ->
            instances.add(
                new Modified(
                    schema.instance(e.getKey()).orElseThrow(), MigrationStep.of(e.getValue()))));
    if (!instances.isEmpty()) {
      schema.pendingInstances().clear();
    }
    instances.sort(Comparator.comparingInt((Modified m) -> m.state().spec().id()));
    return new BlockChanges(List.copyOf(deployed), List.copyOf(unloaded), List.copyOf(instances));
  }

  private static <T> List<T> list(Iterable<T> items) {
    List<T> all = new ArrayList<>();
    items.forEach(all::add);
    return all;
  }

  private static <T> List<T> list(java.util.Iterator<T> items) {
    List<T> all = new ArrayList<>();
    items.forEachRemaining(all::add);
    return all;
  }
}
