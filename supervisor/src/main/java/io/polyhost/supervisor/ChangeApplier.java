package io.polyhost.supervisor;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.service.Configurable;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.StartService;
import java.util.List;

/** Applies the changes of an approved proposal, in order, within the supervisor's hook. */
final class ChangeApplier {
  private ChangeApplier() {}

  /**
   * Applies {@code changes}.
   *
   * @throws io.polyhost.api.error.ExecutionException from the first change that fails; the caller
   *     (the hook) then fails and every change is rolled back
   */
  static void apply(ExecutionContext context, List<ConfigChange> changes) {
    SupervisorExtensions extensions = DeployFlow.extensions(context);
    for (ConfigChange change : changes) {
      switch (change.getKindCase()) {
        case CONSENSUS -> extensions.setConsensusConfig(change.getConsensus());
        case SERVICE -> {
          int id = change.getService().getInstanceId();
          byte[] params = change.getService().getParams().toByteArray();
          if (id == Supervisor.INSTANCE_ID) {
            SupervisorService.applyConfig(context, params);
          } else {
            context.call(
                ChildCall.of(InstanceQuery.id(id), Configurable.APPLY_METHOD_ID, params)
                    .inInterface(Configurable.INTERFACE_NAME));
          }
        }
        case START_SERVICE -> start(context, extensions, change.getStartService());
        case STOP_SERVICE ->
            extensions.initiateStoppingService(change.getStopService().getInstanceId());
        case FREEZE_SERVICE ->
            extensions.initiateFreezingService(change.getFreezeService().getInstanceId());
        case RESUME_SERVICE ->
            extensions.initiateResumingService(
                change.getResumeService().getInstanceId(),
                change.getResumeService().getParams().toByteArray());
        case UNLOAD_ARTIFACT ->
            extensions.unloadArtifact(
                ArtifactId.fromProto(change.getUnloadArtifact().getArtifactId()));
        case KIND_NOT_SET -> {
          // Refused when proposed; nothing to apply.
        }
      }
    }
  }

  private static void start(
      ExecutionContext context, SupervisorExtensions extensions, StartService start) {
    int id = assignInstanceId(context);
    extensions.initiateAddingService(
        new InstanceSpec(id, start.getName(), ArtifactId.fromProto(start.getArtifact())),
        start.getConfig().toByteArray());
  }

  /**
   * The next instance id: one above the highest id in use the first time (the builtins'), then
   * sequential. Ids are never reused, even of services whose start failed.
   */
  static int assignInstanceId(ExecutionContext context) {
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    int id =
        schema
            .vacantInstanceId()
            .get()
            .orElseGet(() ->
                context.data().instances().stream()
                        .mapToInt(s -> s.spec().id())
                        .max()
                        .orElse(Supervisor.INSTANCE_ID)
                    + 1);
    schema.vacantInstanceId().set(id + 1);
    return id;
  }
}
