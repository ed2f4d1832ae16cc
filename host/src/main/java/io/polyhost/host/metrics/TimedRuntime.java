package io.polyhost.host.metrics;

import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.Version;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A runtime that times the service calls of another: transactions and block hooks, by service and
 * outcome. Everything else passes straight through. Timing changes no result, so determinism is
 * untouched; a call that throws is recorded as an error and the exception goes on unchanged.
 */
final class TimedRuntime implements Runtime {
  private final Runtime inner;
  private final CallTimers timers;

  TimedRuntime(Runtime inner, CallTimers timers) {
    this.inner = inner;
    this.timers = timers;
  }

  @Override
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    timed(context, CallTimers.Kind.EXECUTE, () -> inner.execute(context, methodId, arguments));
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    timed(context, CallTimers.Kind.BEFORE_TRANSACTIONS, () -> inner.beforeTransactions(context));
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    timed(context, CallTimers.Kind.AFTER_TRANSACTIONS, () -> inner.afterTransactions(context));
  }

  private void timed(ExecutionContext context, CallTimers.Kind kind, Runnable call) {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      call.run();
      ok = true;
    } finally {
      timers.record(context.instance(), kind, ok, System.nanoTime() - start);
    }
  }

  @Override
  public void initialize(RuntimeEnvironment environment) {
    inner.initialize(environment);
  }

  @Override
  public boolean isSupported(RuntimeFeature feature) {
    return inner.isSupported(feature);
  }

  @Override
  public void onResume() {
    inner.onResume();
  }

  @Override
  public CompletionStage<Void> deployArtifact(ArtifactId artifact, byte[] deploySpec) {
    return inner.deployArtifact(artifact, deploySpec);
  }

  @Override
  public boolean isArtifactDeployed(ArtifactId artifact) {
    return inner.isArtifactDeployed(artifact);
  }

  @Override
  public void unloadArtifact(ArtifactId artifact) {
    inner.unloadArtifact(artifact);
  }

  @Override
  public void initiateAddingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    inner.initiateAddingService(context, artifact, parameters);
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] parameters) {
    inner.initiateResumingService(context, artifact, parameters);
  }

  @Override
  public void updateServiceStatus(BlockchainData snapshot, InstanceState state) {
    inner.updateServiceStatus(snapshot, state);
  }

  @Override
  public Optional<MigrationScript> migrate(ArtifactId newArtifact, Version dataVersion) {
    return inner.migrate(newArtifact, dataVersion);
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    inner.afterCommit(context);
  }

  @Override
  public Optional<ServiceInterfaceProto> artifactInterface(ArtifactId artifact) {
    return inner.artifactInterface(artifact);
  }

  @Override
  public Optional<EndpointResponse> handleEndpoint(InstanceSpec instance, EndpointRequest request) {
    return inner.handleEndpoint(instance, request);
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
