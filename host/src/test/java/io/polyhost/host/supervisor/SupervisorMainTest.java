package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.count;
import static io.polyhost.host.supervisor.Checks.failedWith;
import static io.polyhost.host.supervisor.Checks.succeeded;
import static io.polyhost.host.supervisor.Proposals.deploy;
import static io.polyhost.host.supervisor.Proposals.propose;
import static io.polyhost.host.supervisor.Proposals.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorError;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying and starting services (the reference's supervisor {@code main.rs}). */
class SupervisorMainTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");

  @TempDir Path dir;

  private SupervisedChain.Builder incChain() {
    return SupervisedChain.builder(dir).javaArtifact(INC, IncService.FACTORY);
  }

  @Test
  void test_static_service() {
    try (SupervisedChain chain =
        incChain().genesisService(new InstanceSpec(1, "inc", INC), new byte[0]).start()) {
      var inc = SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[0]);
      chain.block(inc);
      succeeded(chain, inc);
      assertThat(count(chain, "inc")).isEqualTo(1);
    }
  }

  @Test
  void test_dynamic_service_normal_workflow() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      chain.applyChanges(start(INC, "inc", ""));
      for (int i = 0; i < 3; i++) {
        chain.block(SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[] {(byte) i}));
      }
      assertThat(count(chain, "inc")).isEqualTo(3);
    }
  }

  @Test
  void test_artifact_deploy_with_already_passed_deadline_height() {
    try (SupervisedChain chain = incChain().start()) {
      chain.blocksUntil(3);
      var tx = request(chain, 0, deploy(INC, 1));
      // The reference answered ACTUAL_FROM_IS_PAST; Polyhost says DEADLINE_EXCEEDED consistently.
      failedWith(chain, tx, SupervisorError.DEADLINE_EXCEEDED);
      assertThat(chain.error(tx).orElseThrow().description()).contains("is in the past");
    }
  }

  @Test
  void test_start_service_instance_with_already_passed_deadline_height() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      var tx =
          chain.tx(
              0,
              Methods.PROPOSE_CONFIG_CHANGE,
              propose(chain.height() - 1, 0, start(INC, "inc", "")));
      chain.block(tx);
      failedWith(chain, tx, SupervisorError.ACTUAL_FROM_IS_PAST);
    }
  }

  @Test
  void test_try_run_unregistered_service_instance() {
    try (SupervisedChain chain = incChain().start()) {
      var tx =
          chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 0, start(INC, "wont_run", "")));
      chain.block(tx);
      failedWith(chain, tx, SupervisorError.UNKNOWN_ARTIFACT);
      assertThat(chain.error(tx).orElseThrow().description()).contains("not deployed");
    }
  }

  @Test
  void test_bad_artifact_name() {
    try (SupervisedChain chain = incChain().start()) {
      ArtifactId missing = ArtifactId.parse("1:does-not-exist:1.0.0");
      DeployRequest request = deploy(missing, 10);
      succeeded(chain, request(chain, 0, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(chain.artifact(missing)).isEmpty();
    }
  }

  @Test
  void test_bad_runtime_id() {
    try (SupervisedChain chain = incChain().start()) {
      ArtifactId alien = new ArtifactId(10_000, "inc", INC.version());
      DeployRequest request = deploy(alien, 10);
      succeeded(chain, request(chain, 0, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      AsyncEventState state = state(chain, request);
      assertThat(state.getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(state.getError().getError().getDescription()).contains("No runtime with id 10000");
      assertThat(chain.artifact(alien)).isEmpty();
    }
  }

  @Test
  void an_invalid_artifact_id_is_refused() {
    try (SupervisedChain chain = incChain().start()) {
      var bad =
          deploy(INC, 10).toBuilder()
              .setArtifact(INC.toProto().toBuilder().setName("bad name!"))
              .build();
      failedWith(chain, request(chain, 0, bad), SupervisorError.INVALID_ARTIFACT_ID);
    }
  }

  @Test
  void test_empty_service_instance_name() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      var tx = chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 0, start(INC, "", "")));
      chain.block(tx);
      failedWith(chain, tx, SupervisorError.INVALID_INSTANCE_NAME);
    }
  }

  @Test
  void test_bad_service_instance_name() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      var tx =
          chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 0, start(INC, "\u2764_inc", "")));
      chain.block(tx);
      failedWith(chain, tx, SupervisorError.INVALID_INSTANCE_NAME);
      assertThat(chain.error(tx).orElseThrow().description()).contains("is invalid");
    }
  }

  @Test
  void test_start_service_instance_twice() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      chain.applyChanges(start(INC, "inc", ""));
      var again = chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 1, start(INC, "inc", "")));
      chain.block(again);
      failedWith(chain, again, SupervisorError.INSTANCE_EXISTS);
    }
  }

  @Test
  void test_start_two_services_in_one_request() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      chain.applyChanges(start(INC, "inc", ""), start(INC, "inc2", ""));
      assertThat(chain.instance("inc").spec().id()).isEqualTo(1);
      assertThat(chain.instance("inc2").spec().id()).isEqualTo(2);
      var twice =
          chain.tx(
              0,
              Methods.PROPOSE_CONFIG_CHANGE,
              propose(0, 1, start(INC, "inc3", ""), start(INC, "inc3", "")));
      chain.block(twice);
      failedWith(chain, twice, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    }
  }

  @Test
  void test_restart_node_and_start_service_instance() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      chain.restart();
      chain.applyChanges(start(INC, "inc", ""));
      chain.block(SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[0]));
      chain.restart();
      chain.block(SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[1]));
      assertThat(count(chain, "inc")).isEqualTo(2);
    }
  }

  @Test
  void test_restart_node_during_artifact_deployment_with_two_validators() {
    try (SupervisedChain chain = incChain().validators(2).start()) {
      DeployRequest request = deploy(INC, 20);
      chain.block(
          chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request),
          chain.tx(1, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block(); // our report is in, validator 1's is not
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.PENDING);
      chain.restart();
      chain.block(chain.othersReport(request));
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
      chain.restart();
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void test_two_validators() {
    try (SupervisedChain chain =
        incChain().validators(2).mode(SupervisorMode.DECENTRALIZED).start()) {
      chain.deployArtifact(INC);
      chain.applyChanges(start(INC, "inc", ""));
      assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Active());
    }
  }

  @Test
  void test_multiple_validators_no_confirmation() {
    try (SupervisedChain chain = incChain().validators(2).start()) {
      DeployRequest request = deploy(INC, 5);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.blocksUntil(7);
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.TIMEOUT);
      assertThat(chain.artifact(INC)).isEmpty();
    }
  }

  @Test
  void test_auditor_cant_send_requests() {
    try (SupervisedChain chain = incChain().start()) {
      var tx =
          SupervisedChain.sign(
              SupervisedChain.outsider(),
              0,
              Methods.REQUEST_ARTIFACT_DEPLOY,
              deploy(INC, 10).toByteArray());
      chain.block(tx);
      failedWith(chain, tx, CommonError.UNAUTHORIZED_CALLER);
    }
  }

  @Test
  void test_multiple_validators_deploy_confirm() {
    try (SupervisedChain chain =
        incChain().validators(12).mode(SupervisorMode.DECENTRALIZED).start()) {
      chain.deployArtifact(INC);
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void test_multiple_validators_deploy_confirm_byzantine_majority() {
    try (SupervisedChain chain =
        incChain().validators(12).mode(SupervisorMode.DECENTRALIZED).start()) {
      DeployRequest request = deploy(INC, 20);
      chain.block(requests(chain, request, 12 * 2 / 3 + 1));
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.PENDING);
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block(chain.othersReport(request));
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void test_multiple_validators_deploy_confirm_byzantine_minority() {
    try (SupervisedChain chain =
        incChain().validators(12).mode(SupervisorMode.DECENTRALIZED).start()) {
      DeployRequest request = deploy(INC, 20);
      chain.block(requests(chain, request, 12 * 2 / 3));
      java.util.Optional<AsyncEventState> state = chain.supervisor(s -> s.deployState(request));
      assertThat(state).isEmpty();
      SignedTransaction[] reports = chain.othersReport(request);
      chain.block(reports);
      failedWith(chain, reports[0], SupervisorError.DEPLOY_REQUEST_NOT_REGISTERED);
      assertThat(chain.pooled()).isEmpty();
      assertThat(chain.artifact(INC)).isEmpty();
    }
  }

  @Test
  void a_validator_cannot_request_the_same_deployment_twice() {
    try (SupervisedChain chain =
        incChain().validators(4).mode(SupervisorMode.DECENTRALIZED).start()) {
      DeployRequest request = deploy(INC, 20);
      chain.block(requests(chain, request, 3));
      // The same request again needs another transaction: one with an unknown field, which the
      // supervisor ignores.
      var again = request(chain, 1, Proposals.withUnknownField(request));
      failedWith(chain, again, SupervisorError.DEPLOY_REQUEST_ALREADY_REGISTERED);
      var late = request(chain, 3, request);
      succeeded(chain, late);
    }
  }

  @Test
  void deploying_a_deployed_artifact_is_refused() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      var tx = request(chain, 0, deploy(INC, 30).toBuilder().setSeed(5).build());
      failedWith(chain, tx, SupervisorError.ALREADY_DEPLOYED);
      assertThat(chain.error(tx).orElseThrow().description()).contains("active");
    }
  }

  @Test
  void test_id_assignment() {
    try (SupervisedChain chain = incChain().start()) {
      chain.deployArtifact(INC);
      chain.applyChanges(start(INC, "first", ""));
      chain.applyChanges(start(INC, "second", ""));
      assertThat(chain.instance("first").spec().id()).isEqualTo(1);
      assertThat(chain.instance("second").spec().id()).isEqualTo(2);
    }
  }

  @Test
  void test_id_assignment_sparse() {
    try (SupervisedChain chain =
        incChain().genesisService(new InstanceSpec(100, "builtin", INC), new byte[0]).start()) {
      chain.applyChanges(start(INC, "first", ""));
      chain.applyChanges(start(INC, "second", ""));
      assertThat(chain.instance("first").spec().id()).isEqualTo(101);
      assertThat(chain.instance("second").spec().id()).isEqualTo(102);
    }
  }

  private static SignedTransaction request(SupervisedChain chain, int validator, DeployRequest r) {
    var tx = chain.tx(validator, Methods.REQUEST_ARTIFACT_DEPLOY, r);
    chain.block(tx);
    return tx;
  }

  private static SignedTransaction[] requests(SupervisedChain chain, DeployRequest r, int count) {
    SignedTransaction[] txs = new SignedTransaction[count];
    for (int i = 0; i < count; i++) {
      txs[i] = chain.tx(i, Methods.REQUEST_ARTIFACT_DEPLOY, r);
    }
    return txs;
  }

  private static AsyncEventState state(SupervisedChain chain, DeployRequest request) {
    return chain.supervisor(s -> s.deployState(request)).orElseThrow();
  }
}
