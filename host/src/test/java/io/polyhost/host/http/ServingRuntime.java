package io.polyhost.host.http;

import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.proto.ServiceInterfaceProto;
import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceState;
import io.polyhost.api.runtime.Runtime;
import io.polyhost.api.runtime.RuntimeEnvironment;
import io.polyhost.api.runtime.RuntimeFeature;
import io.polyhost.api.runtime.Version;
import io.polyhost.host.testing.Counter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A runtime that runs services through another one and serves read endpoints and interfaces of its
 * own, as a real runtime would: {@code count} reads the counter's committed count, {@code echo}
 * answers with the scope and query, {@code fail?status=N} answers status N, {@code boom} throws;
 * every artifact publishes one method named {@code increment}.
 */
final class ServingRuntime implements Runtime {
  private final Runtime inner;
  private RuntimeEnvironment environment = unset();

  ServingRuntime(Runtime inner) {
    this.inner = inner;
  }

  @Override
  public Optional<EndpointResponse> handleEndpoint(InstanceSpec instance, EndpointRequest request) {
    return switch (request.path()) {
      case "count" ->
          Optional.of(
              EndpointResponse.ok(
                  environment.readLatest(data ->
                      "{\"count\": "
                          + data.forService(InstanceQuery.id(instance.id()))
                              .map(d -> Counter.count(d).get().orElse(0L))
                              .orElse(-1L)
                          + "}")));
      case "echo" ->
          Optional.of(
              EndpointResponse.ok(
                  "{\"scope\": \""
                      + request.scope()
                      + "\", \"name\": \""
                      + instance.name()
                      + "\", \"q\": \""
                      + request.parameter("q").orElse("")
                      + "\"}"));
      case "fail" ->
          Optional.of(
              new EndpointResponse(
                  Integer.parseInt(request.parameter("status").orElse("400")),
                  "{\"message\": \"You asked for a failure\"}"));
      case "boom" -> throw new IllegalStateException("boom");
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<ServiceInterfaceProto> artifactInterface(ArtifactId artifact) {
    return Optional.of(
        ServiceInterfaceProto.newBuilder()
            .addMethods(
                ServiceInterfaceProto.MethodProto.newBuilder().setId(1).setName("increment"))
            .build());
  }

  @Override
  public void initialize(RuntimeEnvironment env) {
    this.environment = Objects.requireNonNull(env);
    inner.initialize(env);
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
  public void initiateAddingService(ExecutionContext context, ArtifactId artifact, byte[] params) {
    inner.initiateAddingService(context, artifact, params);
  }

  @Override
  public void initiateResumingService(
      ExecutionContext context, ArtifactId artifact, byte[] params) {
    inner.initiateResumingService(context, artifact, params);
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
  public void execute(ExecutionContext context, int methodId, byte[] arguments) {
    inner.execute(context, methodId, arguments);
  }

  @Override
  public void beforeTransactions(ExecutionContext context) {
    inner.beforeTransactions(context);
  }

  @Override
  public void afterTransactions(ExecutionContext context) {
    inner.afterTransactions(context);
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    inner.afterCommit(context);
  }

  @Override
  public void close() {
    inner.close();
  }

  private static RuntimeEnvironment unset() {
    return new RuntimeEnvironment() {
      @Override
      public <T> T readLatest(java.util.function.Function<BlockchainData, T> reader) {
        throw new IllegalStateException("The runtime is not initialised yet");
      }
    };
  }
}
