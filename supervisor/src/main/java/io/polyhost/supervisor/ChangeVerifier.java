package io.polyhost.supervisor;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.service.Configurable;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.StartService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks every change of a proposal against the state when it is proposed, so validators vote only
 * on proposals that can work, and an administrator learns at once which change is wrong and why.
 * Every refusal is {@code MALFORMED_CONFIG_PROPOSE} unless a more specific code exists.
 */
final class ChangeVerifier {
  private final ExecutionContext context;
  private final Set<Integer> touchedInstances = new HashSet<>();
  private final Set<String> startedNames = new HashSet<>();
  private final Set<ArtifactId> startedFrom = new HashSet<>();
  private final Set<ArtifactId> unloaded = new HashSet<>();
  private boolean consensusSeen;

  private ChangeVerifier(ExecutionContext context) {
    this.context = context;
  }

  /**
   * Checks {@code changes} in order.
   *
   * @throws io.polyhost.api.error.ExecutionException naming the first wrong change and why
   */
  static void verify(ExecutionContext context, List<ConfigChange> changes) {
    ChangeVerifier verifier = new ChangeVerifier(context);
    for (int i = 0; i < changes.size(); i++) {
      verifier.check(i, changes.get(i));
    }
    for (ArtifactId artifact : verifier.unloaded) {
      if (verifier.startedFrom.contains(artifact)) {
        throw malformed("The proposal both starts a service from " + artifact + " and unloads it");
      }
    }
  }

  private void check(int index, ConfigChange change) {
    String where = "Change #" + index + " (" + kind(change) + "): ";
    switch (change.getKindCase()) {
      case CONSENSUS -> {
        if (consensusSeen) {
          throw malformed(where + "a proposal may change the consensus configuration only once");
        }
        consensusSeen = true;
        ConsensusCheck.validate(change.getConsensus(), where);
      }
      case SERVICE -> {
        int id = change.getService().getInstanceId();
        touch(id, where);
        instance(id, where);
        byte[] params = change.getService().getParams().toByteArray();
        if (id == Supervisor.INSTANCE_ID) {
          SupervisorService.parseConfig(params);
        } else {
          context.call(
              ChildCall.of(InstanceQuery.id(id), Configurable.VERIFY_METHOD_ID, params)
                  .inInterface(Configurable.INTERFACE_NAME));
        }
      }
      case START_SERVICE -> checkStart(change.getStartService(), where);
      case STOP_SERVICE -> {
        int id = change.getStopService().getInstanceId();
        touch(id, where);
        requireStatus(instance(id, where), "stop", InstanceStatus::canBeStopped, where);
      }
      case FREEZE_SERVICE -> {
        int id = change.getFreezeService().getInstanceId();
        touch(id, where);
        InstanceState instance = instance(id, where);
        requireStatus(instance, "freeze", InstanceStatus::canBeFrozen, where);
        int runtime = instance.spec().artifact().runtimeId();
        if (!DeployFlow.extensions(context)
            .checkFeature(runtime, RuntimeFeature.FREEZING_SERVICES)) {
          throw malformed(
              where
                  + "service '"
                  + instance.spec().name()
                  + "' cannot be frozen: runtime "
                  + runtime
                  + " of its artifact "
                  + instance.spec().artifact()
                  + " does not support freezing; stop it instead");
        }
      }
      case RESUME_SERVICE -> {
        int id = change.getResumeService().getInstanceId();
        touch(id, where);
        InstanceState instance = instance(id, where);
        requireStatus(instance, "resume", InstanceStatus::canBeResumed, where);
        if (instance.associatedArtifact().isEmpty()) {
          throw malformed(
              where
                  + "service '"
                  + instance.spec().name()
                  + "' has data of version "
                  + instance.effectiveDataVersion()
                  + " but runs "
                  + instance.spec().artifact()
                  + "; migrate it to an artifact of that version (a fast-forward) before resuming");
        }
      }
      case UNLOAD_ARTIFACT -> {
        ArtifactId artifact = Heights.artifact(change.getUnloadArtifact().getArtifactId());
        if (!unloaded.add(artifact)) {
          throw malformed(where + "the proposal unloads " + artifact + " more than once");
        }
        try {
          DeployFlow.extensions(context).checkUnloadingArtifact(artifact);
        } catch (io.polyhost.api.error.ExecutionException e) {
          throw malformed(where + e.error().description());
        }
      }
      case KIND_NOT_SET -> throw malformed(where + "the change is empty; set one kind of change");
    }
  }

  private void checkStart(StartService start, String where) {
    String name = start.getName();
    if (!startedNames.add(name)) {
      throw malformed(where + "the proposal starts service '" + name + "' more than once");
    }
    try {
      InstanceSpec.validateName(name);
    } catch (IllegalArgumentException e) {
      throw SupervisorError.INVALID_INSTANCE_NAME.exception(
          where + "service name '" + name + "' is invalid: " + e.getMessage());
    }
    ArtifactId artifact = Heights.artifact(start.getArtifact());
    startedFrom.add(artifact);
    ArtifactStatus status = context.data().artifacts().get(artifact);
    if (status != ArtifactStatus.ACTIVE) {
      throw SupervisorError.UNKNOWN_ARTIFACT.exception(
          where
              + "cannot start '"
              + name
              + "' from "
              + artifact
              + (status == null
                  ? ", which is not deployed; deploy it first"
                  : ", which is "
                      + status.name().toLowerCase(java.util.Locale.ROOT)
                      + ", not active"));
    }
    if (context.data().instance(InstanceQuery.name(name)).isPresent()) {
      throw SupervisorError.INSTANCE_EXISTS.exception(
          where + "a service named '" + name + "' exists already");
    }
  }

  private void touch(int id, String where) {
    if (!touchedInstances.add(id)) {
      throw malformed(
          where
              + "the proposal has several actions on the service with id "
              + Integer.toUnsignedString(id)
              + "; at most one per service");
    }
  }

  private InstanceState instance(int id, String where) {
    return context
        .data()
        .instance(InstanceQuery.id(id))
        .orElseThrow(() ->
            malformed(
                where
                    + "there is no service with id "
                    + Integer.toUnsignedString(id)
                    + " in the blockchain"));
  }

  private static void requireStatus(
      InstanceState instance, String action, Predicate<InstanceStatus> allowed, String where) {
    if (instance.status().filter(allowed).isEmpty()) {
      throw malformed(
          where
              + "cannot "
              + action
              + " service '"
              + instance.spec().name()
              + "' with status "
              + instance.status().map(InstanceStatus::label).orElse("none")
              + instance.pendingStatus().map(p -> " (becoming " + p.label() + ")").orElse(""));
    }
  }

  static String kind(ConfigChange change) {
    return change.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
  }

  static io.polyhost.api.error.ExecutionException malformed(String message) {
    return SupervisorError.MALFORMED_CONFIG_PROPOSE.exception(message);
  }
}
