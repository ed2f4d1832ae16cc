package io.polyhost.host.dispatcher;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CallSite;
import io.polyhost.api.error.CallType;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.MigrationType;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.SupervisorExtensions;

/** The supervisor's privileged operations, bound to the supervisor's current call. */
final class SupervisorOps implements SupervisorExtensions {
  private final CallContext context;
  private final CallScope scope;

  SupervisorOps(CallContext context) {
    this.context = context;
    this.scope = context.scope();
  }

  @Override
  public void startArtifactRegistration(ArtifactId artifact, byte[] deploySpec) {
    context.checkNotPoisoned();
    scope.lifecycle().registerArtifact(artifact, deploySpec);
  }

  @Override
  public void unloadArtifact(ArtifactId artifact) {
    context.checkNotPoisoned();
    scope.lifecycle().unloadArtifact(artifact);
  }

  @Override
  public void checkUnloadingArtifact(ArtifactId artifact) {
    context.checkNotPoisoned();
    scope.lifecycle().checkUnloading(artifact);
  }

  @Override
  public void initiateAddingService(InstanceSpec spec, byte[] constructor) {
    context.checkNotPoisoned();
    addService(context, new Caller.Service(context.instance().id()), spec, constructor);
  }

  /**
   * T1: validates the new instance, runs its constructor as a child call of {@code parent}, and
   * records it. A failed constructor poisons {@code parent}: its writes share the parent's fork.
   */
  static void addService(CallContext parent, Caller caller, InstanceSpec spec, byte[] constructor) {
    CallScope scope = parent.scope();
    scope.lifecycle().checkNewInstance(spec);
    Runtime runtime = scope.runtimes().get(spec.artifact().runtimeId());
    try {
      runtime.initiateAddingService(parent.child(spec, caller, ""), spec.artifact(), constructor);
    } catch (ExecutionException e) {
      parent.poison();
      throw new ExecutionException(
          CallContext.locate(
              e.error(),
              spec.artifact().runtimeId(),
              CallSite.of(spec.id(), CallType.CONSTRUCTOR)));
    }
    scope.lifecycle().addInstance(spec);
  }

  @Override
  public void initiateStoppingService(int instanceId) {
    context.checkNotPoisoned();
    scope.lifecycle().stop(instanceId);
  }

  @Override
  public void initiateFreezingService(int instanceId) {
    context.checkNotPoisoned();
    scope.lifecycle().freeze(instanceId);
  }

  @Override
  public void initiateResumingService(int instanceId, byte[] parameters) {
    context.checkNotPoisoned();
    InstanceState state = scope.lifecycle().checkResumable(instanceId);
    InstanceSpec spec = state.spec();
    Runtime runtime = scope.runtimes().get(spec.artifact().runtimeId());
    var child = context.child(spec, new Caller.Service(context.instance().id()), "");
    try {
      runtime.initiateResumingService(child, spec.artifact(), parameters);
    } catch (ExecutionException e) {
      context.poison();
      throw new ExecutionException(
          CallContext.locate(
              e.error(), spec.artifact().runtimeId(), CallSite.of(spec.id(), CallType.RESUME)));
    }
    scope.lifecycle().resume(state);
  }

  @Override
  public MigrationType initiateMigration(ArtifactId newArtifact, String serviceName) {
    context.checkNotPoisoned();
    return new MigrationTransitions(scope).initiate(newArtifact, serviceName);
  }

  @Override
  public void rollbackMigration(String serviceName) {
    context.checkNotPoisoned();
    new MigrationTransitions(scope).rollback(serviceName);
  }

  @Override
  public void commitMigration(String serviceName, Hash hash) {
    context.checkNotPoisoned();
    new MigrationTransitions(scope).commit(serviceName, hash);
  }

  @Override
  public void flushMigration(String serviceName) {
    context.checkNotPoisoned();
    new MigrationTransitions(scope).flush(serviceName);
  }

  @Override
  public boolean checkFeature(int runtimeId, RuntimeFeature feature) {
    return scope.runtimes().find(runtimeId).map(r -> r.isSupported(feature)).orElse(false);
  }

  @Override
  public void setConsensusConfig(ConsensusConfigProto config) {
    context.checkNotPoisoned();
    scope.core().setConsensusConfig(scope.fork(), config);
  }
}
