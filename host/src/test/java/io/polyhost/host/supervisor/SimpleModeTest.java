package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Proposals.deploy;
import static io.polyhost.host.supervisor.Proposals.propose;
import static io.polyhost.host.supervisor.Proposals.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.storage.Serializers;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.proto.AsyncEventState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor in simple mode: one validator's request decides. */
class SimpleModeTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");

  @TempDir Path dir;

  @Test
  void deploy_service() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).javaArtifact(INC, IncService.FACTORY).start()) {
      var request = deploy(INC, 10);
      var tx = chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request);
      chain.block(tx);
      assertThat(chain.error(tx)).isEmpty();
      assertThat(chain.supervisor(s -> s.deployState(request)).orElseThrow().getState())
          .isEqualTo(AsyncEventState.Type.PENDING);

      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();

      assertThat(chain.supervisor(s -> s.deployState(request)).orElseThrow().getState())
          .isEqualTo(AsyncEventState.Type.SUCCESS);
      ArtifactStatus status = chain.read(state -> state.artifacts().get(INC));
      assertThat(status).isEqualTo(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void deploy_then_start_and_use_the_service() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, deploy(INC, 10)));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();

      var proposal =
          chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 0, start(INC, "inc", "")));
      chain.block(proposal);
      assertThat(chain.error(proposal)).isEmpty();
      var instance = chain.read(s -> s.instance(InstanceQuery.name("inc"))).orElseThrow();
      assertThat(instance.spec().id()).isEqualTo(1);
      assertThat(instance.status()).contains(new InstanceStatus.Active());

      var inc = SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[0]);
      chain.block(inc);
      assertThat(chain.error(inc)).isEmpty();
      long count =
          chain.read(s ->
              s.forService(InstanceQuery.name("inc"))
                  .orElseThrow()
                  .entry("count", Serializers.int64())
                  .get()
                  .orElseThrow());
      assertThat(count).isEqualTo(1);
    }
  }

  @Test
  void change_consensus_config_with_one_confirmation() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(4).start()) {
      var config = chain.read(st -> st.consensusConfig()).toBuilder().setTxsBlockLimit(77).build();
      chain.applyChanges(
          io.polyhost.supervisor.proto.ConfigChange.newBuilder().setConsensus(config).build());
      int limit = chain.read(st -> st.consensusConfig().getTxsBlockLimit());
      assertThat(limit).isEqualTo(77);
    }
  }

  @Test
  void service_config_change() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir)
            .validators(3)
            .javaArtifact(INC, IncService.FACTORY)
            .genesisService(new io.polyhost.api.runtime.InstanceSpec(1, "inc", INC), new byte[0])
            .start()) {
      chain.applyChanges(Proposals.serviceConfig(1, "simple"));
      assertThat(Checks.config(chain, "inc")).isEqualTo("simple");
    }
  }

  @Test
  void incorrect_actual_from_field() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      chain.blocksUntil(3);
      var tx =
          chain.tx(
              0,
              Methods.PROPOSE_CONFIG_CHANGE,
              propose(2, 0, Proposals.serviceConfig(0, new byte[0])));
      chain.block(tx);
      Checks.failedWith(chain, tx, io.polyhost.supervisor.SupervisorError.ACTUAL_FROM_IS_PAST);
    }
  }

  @Test
  void discard_config_propose_from_auditor() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      var tx =
          SupervisedChain.sign(
              SupervisedChain.outsider(),
              0,
              Methods.PROPOSE_CONFIG_CHANGE,
              propose(0, 0, Proposals.serviceConfig(0, new byte[0])).toByteArray());
      chain.block(tx);
      Checks.failedWith(chain, tx, io.polyhost.api.error.CommonError.UNAUTHORIZED_CALLER);
      long number = chain.supervisor(io.polyhost.supervisor.SupervisorSchema::configurationNumber);
      assertThat(number).isZero();
    }
  }

  @Test
  void actual_from_is_zero() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.deployArtifact(INC);
      long height = chain.height();
      chain.block(chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(0, 0, start(INC, "inc", ""))));
      assertThat(chain.height()).isEqualTo(height + 1);
      assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Active());
    }
  }

  @Test
  void a_proposal_for_a_later_height_waits_for_it() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.deployArtifact(INC);
      long at = chain.height() + 3;
      chain.block(
          chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, propose(at, 0, start(INC, "inc", ""))));
      chain.blocksUntil(at - 1);
      boolean exists = chain.read(st -> st.instance(InstanceQuery.name("inc")).isPresent());
      assertThat(exists).isFalse();
      chain.block();
      assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Active());
    }
  }
}
