package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Collects the requests runtimes make after a commit, to be carried out once all have run. */
final class MailboxQueue implements Mailbox {
  /** A deployment someone asked for, and the stage promised to them. */
  record DeployRequest(ArtifactId artifact, byte[] spec, CompletableFuture<Void> done) {}

  private final List<DeployRequest> requests = new ArrayList<>();

  @Override
  public CompletionStage<Void> requestDeploy(ArtifactId artifact, byte[] deploySpec) {
    var request = new DeployRequest(artifact, deploySpec.clone(), new CompletableFuture<>());
    requests.add(request);
    return request.done();
  }

  List<DeployRequest> requests() {
    return List.copyOf(requests);
  }
}
