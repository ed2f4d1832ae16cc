package io.polyhost.api.runtime;

import java.util.concurrent.CompletionStage;

/**
 * Requests a privileged runtime sends to the dispatcher after a commit; the supervisor's runtime
 * uses it to start local deployments.
 */
public interface Mailbox {
  /**
   * Asks for {@code artifact} to be deployed on this node. The deployment runs after every runtime
   * has seen the commit, off the block-execution thread; a request for an artifact that is deployed
   * or being deployed joins that deployment instead of starting another.
   *
   * @return completes when the artifact is deployed, or exceptionally with an {@link
   *     io.polyhost.api.error.ExecutionException} saying why it could not be
   */
  CompletionStage<Void> requestDeploy(ArtifactId artifact, byte[] deploySpec);
}
