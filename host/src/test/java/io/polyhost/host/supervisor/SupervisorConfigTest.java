package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.failedWith;
import static io.polyhost.host.supervisor.Proposals.deploy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.supervisor.Supervisor;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorError;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.SupervisorMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's own configuration (reference: supervisor_config.rs). */
class SupervisorConfigTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");

  @TempDir Path dir;

  @Test
  void initial_configuration() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).mode(SupervisorMode.DECENTRALIZED).start()) {
      SupervisorMode mode = chain.supervisor(s -> s.configuration().getMode());
      assertThat(mode).isEqualTo(SupervisorMode.DECENTRALIZED);
    }
  }

  @Test
  void incorrect_configuration() {
    var builder = SupervisedChain.builder(dir).supervisorConfig(new byte[] {8, 9});
    assertThatThrownBy(builder::start).hasStackTraceContaining("Unknown supervisor mode 9");
  }

  @Test
  void configure_call() {
    try (SupervisedChain chain =
        SupervisedChain.builder(dir).validators(4).javaArtifact(INC, IncService.FACTORY).start()) {
      chain.applyChanges(
          Proposals.serviceConfig(0, Supervisor.config(SupervisorMode.DECENTRALIZED)));
      SupervisorMode mode = chain.supervisor(s -> s.configuration().getMode());
      assertThat(mode).isEqualTo(SupervisorMode.DECENTRALIZED);
      // One request no longer starts a deployment; three of four do.
      var request = deploy(INC, chain.height() + 10);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      boolean started = chain.supervisor(s -> s.deployState(request).isPresent());
      assertThat(started).isFalse();
      chain.block(
          chain.tx(1, Methods.REQUEST_ARTIFACT_DEPLOY, request),
          chain.tx(2, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      started = chain.supervisor(s -> s.deployState(request).isPresent());
      assertThat(started).isTrue();
    }
  }

  @Test
  void a_malformed_supervisor_config_is_refused_when_proposed() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      long number = chain.supervisor(SupervisorSchema::configurationNumber);
      var tx =
          chain.tx(
              0,
              Methods.PROPOSE_CONFIG_CHANGE,
              Proposals.propose(0, number, Proposals.serviceConfig(0, new byte[] {8, 7})));
      chain.block(tx);
      failedWith(chain, tx, SupervisorError.INVALID_CONFIG);
    }
  }
}
