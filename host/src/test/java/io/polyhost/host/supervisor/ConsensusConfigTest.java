package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Proposals.deploy;
import static io.polyhost.host.supervisor.Proposals.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.proto.ValidatorKeysProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.DeployRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing the validator set (reference: consensus_config.rs, and the auditor scenarios). */
class ConsensusConfigTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");

  @TempDir Path dir;

  @Test
  void test_add_nodes_to_validators() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      chain.applyChanges(validators(chain, 0, 1));
      assertThat(keys(chain)).hasSize(2);
      assertThat(keys(chain).get(1).getServiceKey())
          .isEqualTo(SupervisedChain.serviceKeys(1).publicKey().toProto());
    }
  }

  @Test
  void test_exclude_us_from_validators() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).validators(2).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.applyChanges(validators(chain, 1));
      assertThat(keys(chain)).hasSize(1);
      // Our node is an auditor now: it deploys what validators agree on but reports nothing.
      DeployRequest request = deploy(INC, chain.height() + 10);
      chain.block(chain.tx(1, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.block();
      assertThat(chain.pooled()).isEmpty();
      chain.block(
          chain.tx(
              1,
              Methods.REPORT_DEPLOY_RESULT,
              io.polyhost.supervisor.proto.DeployResult.newBuilder()
                  .setRequest(request)
                  .setResult(
                      io.polyhost.api.proto.ExecutionStatusProto.newBuilder()
                          .setOk(com.google.protobuf.Empty.getDefaultInstance()))
                  .build()));
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void test_auditor_normal_workflow() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).validators(2).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.applyChanges(validators(chain, 1));
      DeployRequest request = deploy(INC, chain.height() + 10);
      chain.block(chain.tx(1, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.block(chain.othersReport(request));
      assertThat(chain.supervisor(s -> s.deployState(request)).orElseThrow().getState())
          .isEqualTo(AsyncEventState.Type.SUCCESS);
      long number = chain.supervisor(s -> s.configurationNumber());
      chain.block(
          chain.tx(
              1,
              Methods.PROPOSE_CONFIG_CHANGE,
              Proposals.propose(0, number, start(INC, "inc", ""))));
      assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Active());
    }
  }

  @Test
  void test_exclude_other_from_validators() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(2).start()) {
      chain.applyChanges(validators(chain, 0));
      assertThat(keys(chain)).hasSize(1);
      assertThat(keys(chain).getFirst().getServiceKey())
          .isEqualTo(SupervisedChain.serviceKeys(0).publicKey().toProto());
    }
  }

  @Test
  void test_change_our_validator_id() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).validators(2).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.applyChanges(validators(chain, 1, 0));
      assertThat(keys(chain).get(1).getServiceKey())
          .isEqualTo(SupervisedChain.serviceKeys(0).publicKey().toProto());
      // As validator 1 our node still reports its deployments.
      DeployRequest request = deploy(INC, chain.height() + 10);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block(chain.othersReport(request));
      assertThat(chain.artifact(INC)).contains(ArtifactStatus.ACTIVE);
    }
  }

  /** A consensus change keeping the current limits, with validators {@code indexes} in order. */
  static ConfigChange validators(SupervisedChain chain, int... indexes) {
    ConsensusConfigProto.Builder config = chain.read(s -> s.consensusConfig()).toBuilder();
    config.clearValidatorKeys();
    for (int i : indexes) {
      config.addValidatorKeys(
          ValidatorKeysProto.newBuilder()
              .setConsensusKey(SupervisedChain.consensusKeys(i).publicKey().toProto())
              .setServiceKey(SupervisedChain.serviceKeys(i).publicKey().toProto()));
    }
    return ConfigChange.newBuilder().setConsensus(config).build();
  }

  private static List<ValidatorKeysProto> keys(SupervisedChain chain) {
    return chain.read(s -> s.consensusConfig().getValidatorKeysList());
  }
}
