package io.polyhost.supervisor;

import io.polyhost.api.crypto.PublicKey;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployments: validators request one, and once the mode approves, every node deploys locally and
 * reports; the artifact is registered when every validator has reported success, and the request
 * fails as soon as one reports failure or the deadline passes without all reports.
 */
final class DeployFlow {
  private DeployFlow() {}

  /** Transaction 0: a validator asks for a deployment (or confirms another's request). */
  static void request(ExecutionContext context, DeployRequest received) {
    PublicKey author = Validators.author(context);
    ArtifactId artifact = Heights.artifact(received.getArtifact());
    DeployRequest request =
        Canonical.deploy(received).toBuilder().setArtifact(artifact.toProto()).build();
    long current = Heights.current(context);
    if (request.getDeadlineHeight() < current) {
      throw SupervisorError.ACTUAL_FROM_IS_PAST.exception(
          "Deadline height "
              + request.getDeadlineHeight()
              + " of the deploy request for "
              + artifact
              + " is in the past (current height "
              + current
              + "); choose a later deadline");
    }
    if (context.data().artifacts().containsKey(artifact)) {
      throw SupervisorError.ALREADY_DEPLOYED.exception(
          "Artifact "
              + artifact
              + " is already deployed (status "
              + status(context, artifact)
              + ")");
    }
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    Multisig<DeployRequest> votes = schema.deployRequests();
    if (schema.pendingDeployments().containsKey(artifact.toProto())) {
      if (votes.confirmedBy(request, author)) {
        throw SupervisorError.DEPLOY_REQUEST_ALREADY_REGISTERED.exception(
            "The deployment of " + artifact + " is already requested by validator " + author);
      }
      votes.confirm(request, author);
      return;
    }
    votes.confirm(request, author);
    int validators = context.data().consensusConfig().getValidatorKeysCount();
    int quorum = Validators.quorum(schema.configuration().getMode(), validators);
    if (votes.countAmong(request, Validators.serviceKeys(context.data().consensusConfig()))
        >= quorum) {
      schema.deployStates().put(request, EventStates.PENDING);
      schema.pendingDeployments().put(artifact.toProto(), request);
    }
  }

  /** Transaction 1: a validator's node reports its local deployment. */
  static void report(ExecutionContext context, DeployResult result) {
    PublicKey author = Validators.author(context);
    DeployRequest request = Canonical.deploy(result.getRequest());
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    var state = schema.deployStates().get(request);
    if (state.filter(EventStates::isFailed).isPresent()) {
      return; // another validator's failure decided already; a late report changes nothing
    }
    DeployRequest pending =
        schema
            .pendingDeployments()
            .get(request.getArtifact())
            .orElseThrow(() ->
                SupervisorError.DEPLOY_REQUEST_NOT_REGISTERED.exception(
                    "No deployment of "
                        + Heights.describe(request.getArtifact())
                        + " is pending; its result cannot be reported"));
    if (!pending.equals(request)) {
      throw SupervisorError.DEPLOY_REQUEST_NOT_REGISTERED.exception(
          "The reported request for "
              + Heights.describe(request.getArtifact())
              + " differs from the pending one (deadline "
              + pending.getDeadlineHeight()
              + ", seed "
              + pending.getSeed()
              + ")");
    }
    long current = Heights.current(context);
    if (request.getDeadlineHeight() < current) {
      throw SupervisorError.DEADLINE_EXCEEDED.exception(
          "Deadline height "
              + request.getDeadlineHeight()
              + " of the deploy request has passed (current height "
              + current
              + "); its result cannot be reported");
    }
    if (result.getResult().hasError()) {
      ExecutionError error = ExecutionError.fromProto(result.getResult().getError());
      schema.deployStates().put(request, EventStates.failed(current, error));
      schema.pendingDeployments().remove(request.getArtifact());
      return;
    }
    Multisig<DeployRequest> confirmations = schema.deployConfirmations();
    confirmations.confirm(request, author);
    if (confirmations.confirmedByAll(
        request, Validators.serviceKeys(context.data().consensusConfig()))) {
      // Unlike the reference, the request leaves the pending list at once rather than at its
      // deadline: nothing remains to wait for.
      schema.deployStates().put(request, EventStates.SUCCESS);
      schema.pendingDeployments().remove(request.getArtifact());
      extensions(context)
          .startArtifactRegistration(
              ArtifactId.fromProto(request.getArtifact()), request.getSpec().toByteArray());
    }
  }

  /** Before each block: deployments whose deadline has passed time out. */
  static void expire(ExecutionContext context) {
    SupervisorSchema schema = new SupervisorSchema(context.serviceData());
    long current = Heights.current(context);
    List<DeployRequest> outdated = new ArrayList<>();
    schema
        .pendingDeployments()
        .values()
        .forEachRemaining(r -> {
          if (r.getDeadlineHeight() <= current) {
            outdated.add(r);
          }
        });
    for (DeployRequest request : outdated) {
      schema.pendingDeployments().remove(request.getArtifact());
      if (schema
          .deployStates()
          .get(request)
          .filter(s -> s.getState() == AsyncEventState.Type.PENDING)
          .isPresent()) {
        schema.deployStates().put(request, EventStates.TIMEOUT);
      }
    }
  }

  private static String status(ExecutionContext context, ArtifactId artifact) {
    return String.valueOf(context.data().artifacts().get(artifact))
        .toLowerCase(java.util.Locale.ROOT);
  }

  static SupervisorExtensions extensions(ExecutionContext context) {
    return context
        .supervisorExtensions()
        .orElseThrow(() ->
            new IllegalStateException(
                "The supervisor runs as instance "
                    + context.instance().id()
                    + "; only instance 0 has the supervisor extensions"));
  }
}
