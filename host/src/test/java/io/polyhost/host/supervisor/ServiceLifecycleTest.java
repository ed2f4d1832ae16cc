package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.count;
import static io.polyhost.host.supervisor.Checks.failedWith;
import static io.polyhost.host.supervisor.Proposals.freeze;
import static io.polyhost.host.supervisor.Proposals.propose;
import static io.polyhost.host.supervisor.Proposals.resume;
import static io.polyhost.host.supervisor.Proposals.start;
import static io.polyhost.host.supervisor.Proposals.stop;
import static io.polyhost.host.supervisor.Proposals.unload;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.host.testing.Counter;
import io.polyhost.host.testing.TestRuntime;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorError;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.ConfigChange;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping, freezing, resuming services and unloading artifacts (reference: service_lifecycle.rs).
 */
class ServiceLifecycleTest {
  static final ArtifactId INC = ArtifactId.parse("1:inc:1.0.0");
  static final ArtifactId UNFREEZABLE = ArtifactId.parse("3:counter:1.0.0");

  @TempDir Path dir;
  SupervisedChain chain;

  @BeforeEach
  void startChain() {
    chain =
        SupervisedChain.builder(dir)
            .javaArtifact(INC, IncService.FACTORY)
            .runtime(3, () -> new TestRuntime(3, false).offer(UNFREEZABLE, Counter::new))
            .start();
    chain.deployArtifact(INC);
  }

  @AfterEach
  void stopChain() {
    chain.close();
  }

  @Test
  void start_stop_inc_service() {
    chain.applyChanges(start(INC, "inc", ""));
    inc();
    assertThat(count(chain, "inc")).isEqualTo(1);
    chain.applyChanges(stop(1));
    assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Stopped());
    failedWith(chain, inc(), CoreError.INCORRECT_INSTANCE_ID);
    var freeze = propose(freeze(1));
    failedWith(chain, freeze, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(freeze).orElseThrow().description()).contains("status stopped");
  }

  @Test
  void start_freeze_and_stop_inc_service() {
    chain.applyChanges(start(INC, "inc", ""));
    inc();
    chain.applyChanges(freeze(1));
    assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Frozen());
    assertThat(chain.error(inc()).orElseThrow().kind()).isEqualTo(ErrorKind.CORE);
    assertThat(count(chain, "inc")).isEqualTo(1); // frozen data stays readable
    chain.applyChanges(stop(1));
    assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Stopped());
  }

  @Test
  void stop_non_existent_service() {
    var tx = propose(stop(999));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("no service with id 999");
  }

  @Test
  void unload_unused_artifact() {
    chain.applyChanges(unload(INC));
    assertThat(chain.artifact(INC)).isEmpty();
    failedWith(chain, propose(start(INC, "inc", "")), SupervisorError.UNKNOWN_ARTIFACT);
    failedWith(chain, propose(unload(INC)), SupervisorError.MALFORMED_CONFIG_PROPOSE);
  }

  @Test
  void unloading_used_artifact() {
    chain.applyChanges(start(INC, "inc", ""));
    var tx = propose(unload(INC));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.artifact(INC)).isPresent();
  }

  @Test
  void unloading_artifact_with_concurrent_service_start() {
    var startFirst = propose(start(INC, "inc", ""), unload(INC));
    failedWith(chain, startFirst, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(startFirst).orElseThrow().description()).contains("both starts");
    var unloadFirst = propose(unload(INC), start(INC, "inc", ""));
    failedWith(chain, unloadFirst, SupervisorError.MALFORMED_CONFIG_PROPOSE);
  }

  @Test
  void duplicate_stop_service_request() {
    chain.applyChanges(start(INC, "inc", ""));
    var tx = propose(stop(1), stop(1));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("several actions");
  }

  @Test
  void duplicate_artifact_unload_request() {
    var tx = propose(unload(INC), unload(INC));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("more than once");
  }

  @Test
  void stop_already_stopped_service() {
    chain.applyChanges(start(INC, "inc", ""));
    chain.applyChanges(stop(1));
    failedWith(chain, propose(stop(1)), SupervisorError.MALFORMED_CONFIG_PROPOSE);
  }

  @Test
  void resume_stopped_service() {
    chain.applyChanges(start(INC, "inc", ""));
    inc();
    chain.applyChanges(stop(1));
    chain.applyChanges(resume(1, ""));
    assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Active());
    inc();
    assertThat(count(chain, "inc")).isEqualTo(2);
  }

  @Test
  void a_resume_refused_by_the_service_rolls_back_the_proposal() {
    chain.applyChanges(start(INC, "inc", ""));
    chain.applyChanges(stop(1));
    var tx =
        chain.tx(
            0,
            Methods.PROPOSE_CONFIG_CHANGE,
            Proposals.propose(0, configNumber(), resume(1, "no")));
    chain.block(tx);
    assertThat(chain.afterTransactionsError(chain.height()).orElseThrow().description())
        .contains("refuses to resume");
    assertThat(chain.instance("inc").status()).contains(new InstanceStatus.Stopped());
  }

  @Test
  void resume_active_service() {
    chain.applyChanges(start(INC, "inc", ""));
    var tx = propose(resume(1, ""));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("cannot resume");
  }

  @Test
  void multiple_stop_resume_requests() {
    chain.applyChanges(start(INC, "inc", ""));
    failedWith(chain, propose(stop(1), resume(1, "")), SupervisorError.MALFORMED_CONFIG_PROPOSE);
  }

  @Test
  void freeze_without_runtime_support() {
    chain.deployArtifact(UNFREEZABLE);
    chain.applyChanges(start(UNFREEZABLE, "counter", ""));
    var tx = propose(freeze(1));
    failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
    assertThat(chain.error(tx).orElseThrow().description()).contains("does not support freezing");
  }

  private SignedTransaction inc() {
    var tx =
        SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[] {(byte) chain.height()});
    chain.block(tx);
    return tx;
  }

  private long configNumber() {
    return chain.supervisor(SupervisorSchema::configurationNumber);
  }

  private SignedTransaction propose(ConfigChange... changes) {
    var tx =
        chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, Proposals.propose(0, configNumber(), changes));
    chain.block(tx);
    return tx;
  }
}
