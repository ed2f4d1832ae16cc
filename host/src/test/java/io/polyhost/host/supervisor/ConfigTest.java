package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.config;
import static io.polyhost.host.supervisor.Checks.failedWith;
import static io.polyhost.host.supervisor.Checks.succeeded;
import static io.polyhost.host.supervisor.Proposals.propose;
import static io.polyhost.host.supervisor.Proposals.serviceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CommonError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.proto.ConsensusConfigProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorError;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.ConfigChange;
import io.polyhost.supervisor.proto.ConfigPropose;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration proposals in decentralized mode with four validators (three must agree): the
 * scenarios of the reference's supervisor {@code config.rs}.
 */
class ConfigTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");
  static final ArtifactId CALLER = ArtifactId.parse("1:config-caller:1.0.0");
  static final int VALIDATORS = 4;
  static final int QUORUM = 3;

  @TempDir Path dir;
  SupervisedChain chain;

  @BeforeEach
  void start() {
    chain =
        SupervisedChain.builder(dir)
            .validators(VALIDATORS)
            .mode(SupervisorMode.DECENTRALIZED)
            .javaArtifact(INC, IncService.FACTORY)
            .javaArtifact(CALLER, ConfigCaller.FACTORY)
            .genesisService(new InstanceSpec(1, "inc", INC), bytes("initial"))
            .genesisService(new InstanceSpec(2, "inc2", INC), bytes("initial"))
            .genesisService(new InstanceSpec(3, "caller", CALLER), new byte[0])
            .start();
  }

  @AfterEach
  void stop() {
    chain.close();
  }

  @Test
  void test_multiple_consensus_change_proposes() {
    var tx = proposeBy(0, propose(chain.height() + 3, 0, consensus(500), consensus(600)));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("only once");
  }

  @Test
  void test_deadline_config_exceeded() {
    long actualFrom = chain.height() + 2;
    succeeded(chain, proposeBy(0, propose(actualFrom, 0, consensus(500))));
    chain.blocksUntil(actualFrom + 1);
    assertThat(chain.supervisor(SupervisorSchema::pendingProposal)).isEmpty();
    assertThat(txsBlockLimit()).isEqualTo(1000);
  }

  @Test
  void test_sent_new_config_after_expired_one() {
    long actualFrom = chain.height() + 2;
    succeeded(chain, proposeBy(0, propose(actualFrom, 0, consensus(500))));
    chain.blocksUntil(actualFrom + 1);
    var second = propose(chain.height() + 2, 1, consensus(700));
    succeeded(chain, proposeBy(0, second));
    chain.block(
        chain.votes(
            chain.supervisor(s -> s.pendingProposal().orElseThrow().getConfigPropose()),
            1,
            QUORUM));
    assertThat(txsBlockLimit()).isEqualTo(700);
  }

  @Test
  void test_discard_config_with_not_enough_confirms() {
    var proposal = propose(chain.height() + 2, 0, consensus(500));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM - 1));
    chain.block();
    assertThat(txsBlockLimit()).isEqualTo(1000);
    assertThat(chain.supervisor(SupervisorSchema::pendingProposal)).isEmpty();
  }

  @Test
  void test_apply_config_by_min_required_majority() {
    var proposal = propose(chain.height() + 2, 0, consensus(500));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM));
    assertThat(txsBlockLimit()).isEqualTo(500);
    assertThat(chain.supervisor(SupervisorSchema::pendingProposal)).isEmpty();
  }

  @Test
  void test_send_confirmation_by_initiator() {
    var proposal = propose(chain.height() + 3, 0, consensus(500));
    succeeded(chain, proposeBy(0, proposal));
    var vote = chain.votes(proposal, 0, 1)[0];
    chain.block(vote);
    failedWith(chain, vote, SupervisorError.ATTEMPT_TO_VOTE_TWICE);
  }

  @Test
  void test_propose_config_change_by_incorrect_validator() {
    var tx =
        SupervisedChain.sign(
            SupervisedChain.outsider(),
            0,
            Methods.PROPOSE_CONFIG_CHANGE,
            propose(chain.height() + 2, 0, consensus(500)).toByteArray());
    chain.block(tx);
    failedWith(chain, tx, CommonError.UNAUTHORIZED_CALLER);
  }

  @Test
  void test_confirm_config_by_incorrect_validator() {
    var proposal = propose(chain.height() + 3, 0, consensus(500));
    succeeded(chain, proposeBy(0, proposal));
    var vote =
        SupervisedChain.sign(
            SupervisedChain.outsider(),
            0,
            Methods.CONFIRM_CONFIG_CHANGE,
            chain.votes(proposal, 1, 2)[0].transaction().getArguments().toByteArray());
    chain.block(vote);
    failedWith(chain, vote, CommonError.UNAUTHORIZED_CALLER);
  }

  @Test
  void test_try_confirm_non_existent_proposal() {
    var vote = chain.votes(propose(chain.height() + 3, 0, consensus(500)), 1, 2)[0];
    chain.block(vote);
    failedWith(chain, vote, SupervisorError.CONFIG_PROPOSE_NOT_REGISTERED);
  }

  @Test
  void a_vote_for_another_proposal_than_the_pending_one_is_refused() {
    succeeded(chain, proposeBy(0, propose(chain.height() + 3, 0, consensus(500))));
    var vote = chain.votes(propose(chain.height() + 3, 0, consensus(501)), 1, 2)[0];
    chain.block(vote);
    failedWith(chain, vote, SupervisorError.CONFIG_PROPOSE_NOT_REGISTERED);
    assertThat(chain.error(vote).orElseThrow().description()).contains("pending proposal is");
  }

  @Test
  void test_service_config_change() {
    chain.applyChanges(serviceConfig(1, "changed"));
    assertThat(config(chain, "inc")).isEqualTo("changed");
  }

  @Test
  void test_discard_errored_service_config_change() {
    var tx = proposeBy(0, propose(chain.height() + 2, 0, serviceConfig(1, "error")));
    failedWith(chain, tx, ErrorKind.SERVICE, 3);
    assertThat(chain.supervisor(SupervisorSchema::pendingProposal)).isEmpty();
  }

  @Test
  void test_discard_panicked_service_config_change() {
    var tx = proposeBy(0, propose(chain.height() + 2, 0, serviceConfig(1, "panic")));
    assertThat(chain.error(tx).orElseThrow().kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(chain.supervisor(SupervisorSchema::pendingProposal)).isEmpty();
  }

  @Test
  void test_incorrect_actual_from_field() {
    chain.blocksUntil(5);
    var tx = proposeBy(0, propose(chain.height(), 0, serviceConfig(1, "changed")));
    failedWith(chain, tx, SupervisorError.ACTUAL_FROM_IS_PAST);
  }

  @Test
  void test_another_configuration_change_proposal() {
    succeeded(chain, proposeBy(0, propose(chain.height() + 3, 0, serviceConfig(1, "a"))));
    var second = proposeBy(1, propose(chain.height() + 3, 1, serviceConfig(2, "b")));
    failedWith(chain, second, SupervisorError.CONFIG_PROPOSE_EXISTS);
  }

  @Test
  void test_service_config_discard_fake_supervisor() {
    var tx = SupervisedChain.sign(SupervisedChain.outsider(), 3, 0, new byte[] {1});
    chain.block(tx);
    failedWith(chain, tx, CommonError.UNAUTHORIZED_CALLER);
    assertThat(config(chain, "inc")).isEqualTo("initial");
  }

  @Test
  void test_service_config_discard_single_apply_error() {
    var proposal = propose(chain.height() + 2, 0, serviceConfig(1, "apply_error"));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM));
    assertThat(chain.afterTransactionsError(chain.height()).orElseThrow().code()).isEqualTo(3);
    assertThat(config(chain, "inc")).isEqualTo("initial");
  }

  @Test
  void test_service_config_discard_single_apply_panic() {
    var proposal = propose(chain.height() + 2, 0, serviceConfig(1, "apply_panic"));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM));
    assertThat(chain.afterTransactionsError(chain.height()).orElseThrow().kind())
        .isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(config(chain, "inc")).isEqualTo("initial");
  }

  @Test
  void test_send_config_right_after_error() {
    var failing = propose(chain.height() + 2, 0, serviceConfig(1, "apply_error"));
    succeeded(chain, proposeBy(0, failing));
    chain.block(chain.votes(failing, 1, QUORUM));
    // The failed proposal is still stored (its removal was rolled back) and expires next block.
    var next = propose(chain.height() + 2, 1, serviceConfig(1, "second"));
    succeeded(chain, proposeBy(0, next));
    chain.block(chain.votes(next, 1, QUORUM));
    assertThat(config(chain, "inc")).isEqualTo("second");
  }

  @Test
  void test_services_config_apply_multiple_configs() {
    chain.applyChanges(serviceConfig(1, "one"), serviceConfig(2, "two"));
    assertThat(config(chain, "inc")).isEqualTo("one");
    assertThat(config(chain, "inc2")).isEqualTo("two");
  }

  @Test
  void test_services_config_discard_multiple_configs() {
    var proposal =
        propose(chain.height() + 2, 0, serviceConfig(1, "one"), serviceConfig(2, "apply_error"));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM));
    assertThat(config(chain, "inc")).isEqualTo("initial");
    assertThat(config(chain, "inc2")).isEqualTo("initial");
  }

  @Test
  void test_several_service_config_changes() {
    for (int i = 0; i < 4; i++) {
      chain.applyChanges(serviceConfig(1, "v" + i));
      assertThat(config(chain, "inc")).isEqualTo("v" + i);
    }
    assertThat(chain.supervisor(SupervisorSchema::configurationNumber)).isEqualTo(4);
  }

  @Test
  void test_discard_incorrect_configuration_number() {
    var tx = proposeBy(0, propose(chain.height() + 2, 7, serviceConfig(1, "x")));
    failedWith(chain, tx, SupervisorError.INCORRECT_CONFIGURATION_NUMBER);
    assertThat(chain.error(tx).orElseThrow().description()).contains("expects 0");
  }

  @Test
  void test_all_changes_are_discarded_on_panic() {
    var proposal =
        propose(
            chain.height() + 2,
            0,
            consensus(500),
            serviceConfig(1, "changed"),
            serviceConfig(2, "apply_panic"));
    succeeded(chain, proposeBy(0, proposal));
    chain.block(chain.votes(proposal, 1, QUORUM));
    assertThat(txsBlockLimit()).isEqualTo(1000);
    assertThat(config(chain, "inc")).isEqualTo("initial");
  }

  @Test
  void several_actions_on_one_service_are_refused() {
    var tx = proposeBy(0, propose(chain.height() + 2, 0, serviceConfig(1, "a"), Proposals.stop(1)));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("several actions");
  }

  @Test
  void a_malformed_consensus_config_is_refused_with_the_reason() {
    ConsensusConfigProto current = chain.read(s -> s.consensusConfig());
    var broken =
        ConfigChange.newBuilder()
            .setConsensus(current.toBuilder().setMinProposeTimeout(500).setMaxProposeTimeout(100))
            .build();
    var tx = proposeBy(0, propose(chain.height() + 2, 0, broken));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description())
        .contains("Change #0 (consensus)")
        .contains("min_propose_timeout");
  }

  private io.polyhost.api.message.SignedTransaction proposeBy(int validator, ConfigPropose p) {
    var tx = chain.tx(validator, Methods.PROPOSE_CONFIG_CHANGE, p);
    chain.block(tx);
    return tx;
  }

  private ConfigChange consensus(int txsBlockLimit) {
    ConsensusConfigProto current = chain.read(s -> s.consensusConfig());
    return ConfigChange.newBuilder()
        .setConsensus(current.toBuilder().setTxsBlockLimit(txsBlockLimit))
        .build();
  }

  private int txsBlockLimit() {
    return chain.read(s -> s.consensusConfig().getTxsBlockLimit());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
