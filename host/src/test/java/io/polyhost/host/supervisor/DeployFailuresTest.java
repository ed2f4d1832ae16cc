package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.succeeded;
import static io.polyhost.host.supervisor.Proposals.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.proto.ExecutionStatusProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.ArtifactStatus;
import io.polyhost.runtime.js.JsDeploySpec;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.DeployRequest;
import io.polyhost.supervisor.proto.DeployResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How deployments fail and recover (the reference's {@code deploy_failures.rs}), with a JavaScript
 * artifact file so a node can really lack it.
 */
class DeployFailuresTest {
  static final ArtifactId PING = ArtifactId.parse("2:ping:1.0.0");
  static final String SOURCE =
      "export const artifact = { name: \"ping\", version: \"1.0.0\" };\n"
          + "export const service = { transactions: { ping: { id: 0, run(ctx) {} } } };\n";

  @TempDir Path dir;

  @Test
  void deploy_success() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      DeployRequest request = request(chain, 0);
      succeeded(chain, send(chain, 0, request));
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.PENDING);
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(status(chain)).isEqualTo(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void deploy_failure_because_not_confirmed() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(2).start()) {
      DeployRequest request = request(chain, 0);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.blocksUntil(request.getDeadlineHeight() + 1);
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.TIMEOUT);
      assertThat(status(chain)).isNull();
    }
  }

  @Test
  void deploy_failure_because_cannot_deploy() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      DeployRequest request = requestWithoutFile(chain, 0);
      succeeded(chain, send(chain, 0, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      AsyncEventState state = state(chain, request);
      assertThat(state.getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(ExecutionError.fromProto(state.getError().getError()).description())
          .contains("ping.mjs");
      assertThat(status(chain)).isNull();
    }
  }

  @Test
  void deploy_success_after_failure() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      DeployRequest failing = requestWithoutFile(chain, 0);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, failing));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      assertThat(state(chain, failing).getState()).isEqualTo(AsyncEventState.Type.FAIL);

      chain.writeArtifact("ping.mjs", SOURCE.getBytes(StandardCharsets.UTF_8));
      DeployRequest retry = failing.toBuilder().setSeed(1).build();
      succeeded(chain, send(chain, 0, retry));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      assertThat(state(chain, retry).getState()).isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(state(chain, failing).getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(status(chain)).isEqualTo(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void deploy_failure_check_no_extra_actions() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(2).start()) {
      DeployRequest request = requestWithoutFile(chain, 0);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      var report = chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block();
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.FAIL);
      // The file appears, but the failed request is not attempted again.
      chain.writeArtifact("ping.mjs", SOURCE.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 3; i++) {
        chain.block();
        assertThat(chain.pooled()).isEmpty();
      }
      assertThat(chain.chain().dispatcher()).isNotNull();
      assertThat(report).isNotNull();
      assertThat(status(chain)).isNull();
    }
  }

  @Test
  void deploy_failure_because_other_node_cannot_deploy() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(2).start()) {
      DeployRequest request = request(chain, 0);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      var failure =
          chain.tx(
              1,
              Methods.REPORT_DEPLOY_RESULT,
              DeployResult.newBuilder()
                  .setRequest(request)
                  .setResult(
                      ExecutionStatusProto.newBuilder()
                          .setError(ExecutionError.unexpected("disk full on node 1").toProto()))
                  .build());
      chain.block(failure);
      succeeded(chain, failure);
      AsyncEventState state = state(chain, request);
      assertThat(state.getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(ExecutionError.fromProto(state.getError().getError()).description())
          .isEqualTo("disk full on node 1");
      assertThat(status(chain)).isNull();
    }
  }

  @Test
  void deploy_successfully_after_failure() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).validators(2).start()) {
      DeployRequest request = request(chain, 0);
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, request));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block(
          chain.tx(
              1,
              Methods.REPORT_DEPLOY_RESULT,
              DeployResult.newBuilder()
                  .setRequest(request)
                  .setResult(
                      ExecutionStatusProto.newBuilder()
                          .setError(ExecutionError.unexpected("try again").toProto()))
                  .build()));
      assertThat(state(chain, request).getState()).isEqualTo(AsyncEventState.Type.FAIL);

      // Our node deployed the artifact already; a retry with a new seed reports at once.
      DeployRequest retry = request.toBuilder().setSeed(1).build();
      chain.block(chain.tx(0, Methods.REQUEST_ARTIFACT_DEPLOY, retry));
      chain.awaitReport(Methods.REPORT_DEPLOY_RESULT);
      chain.block(chain.othersReport(retry));
      assertThat(state(chain, retry).getState()).isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(status(chain)).isEqualTo(ArtifactStatus.ACTIVE);
    }
  }

  @Test
  void not_requested_deploy_status() {
    try (SupervisedChain chain = SupervisedChain.builder(dir).start()) {
      java.util.Optional<AsyncEventState> state =
          chain.supervisor(s -> s.deployState(deploy(PING, 10)));
      assertThat(state).isEmpty();
    }
  }

  private static io.polyhost.api.message.SignedTransaction send(
      SupervisedChain chain, int validator, DeployRequest request) {
    var tx = chain.tx(validator, Methods.REQUEST_ARTIFACT_DEPLOY, request);
    chain.block(tx);
    return tx;
  }

  private static DeployRequest request(SupervisedChain chain, long seed) {
    Path file = chain.writeArtifact("ping.mjs", SOURCE.getBytes(StandardCharsets.UTF_8));
    return deploy(PING, chain.height() + 5).toBuilder()
        .setSpec(ByteString.copyFrom(JsDeploySpec.of(file).toBytes()))
        .setSeed(seed)
        .build();
  }

  /** A request naming {@code ping.mjs} with the right hash, while the file is not there. */
  private static DeployRequest requestWithoutFile(SupervisedChain chain, long seed) {
    DeployRequest request = request(chain, seed);
    try {
      java.nio.file.Files.delete(chain.artifactsDir().resolve("ping.mjs"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return request;
  }

  private static AsyncEventState state(SupervisedChain chain, DeployRequest request) {
    return chain.supervisor(s -> s.deployState(request)).orElseThrow();
  }

  private static ArtifactStatus status(SupervisedChain chain) {
    return chain.read(s -> s.artifacts().get(PING));
  }
}
