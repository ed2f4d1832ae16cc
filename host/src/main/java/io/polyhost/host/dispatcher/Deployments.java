package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Runtime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * This node's deployments, finished or under way, so an artifact is never deployed twice at once: a
 * second request joins the first; a request after a failure tries again.
 */
final class Deployments {
  private final Map<ArtifactId, CompletableFuture<Void>> byArtifact = new HashMap<>();

  /** The deployment of {@code artifact}, started if it is neither done nor under way. */
  synchronized CompletableFuture<Void> request(Runtime runtime, ArtifactId artifact, byte[] spec) {
    CompletableFuture<Void> known = byArtifact.get(artifact);
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    CompletableFuture<Void> started;
    if (runtime.isArtifactDeployed(artifact)) {
      started = CompletableFuture.completedFuture(null);
    } else {
      try {
        started = runtime.deployArtifact(artifact, spec).toCompletableFuture();
      } catch (RuntimeException e) {
        started = CompletableFuture.failedFuture(e);
      }
    }
    byArtifact.put(artifact, started);
    return started;
  }

  /**
   * Deploys {@code artifact} and waits: for artifacts the blockchain has registered, which this
   * node cannot do without.
   *
   * @throws NodeHaltException if the deployment fails
   */
  void deployOrHalt(Runtime runtime, ArtifactId artifact, byte[] spec) {
    try {
      request(runtime, artifact, spec).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeHaltException("Interrupted while deploying " + artifact, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new NodeHaltException(
          "Artifact "
              + artifact
              + " is registered on the blockchain but cannot be deployed on this node: "
              + reason(cause)
              + ". Make the artifact available (e.g. put its file in the artifacts folder) and"
              + " restart the node.",
          cause);
    }
  }

  synchronized void forget(ArtifactId artifact) {
    byArtifact.remove(artifact);
  }

  static String reason(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof io.polyhost.api.error.ExecutionException e) {
      return e.error().description();
    }
    return String.valueOf(cause.getMessage());
  }
}
