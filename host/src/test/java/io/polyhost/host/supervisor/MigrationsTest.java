package io.polyhost.host.supervisor;

import static io.polyhost.host.supervisor.Checks.failedWith;
import static io.polyhost.host.supervisor.Checks.succeeded;
import static io.polyhost.host.supervisor.Proposals.migrate;
import static io.polyhost.host.supervisor.Proposals.resume;
import static io.polyhost.host.supervisor.Proposals.start;
import static io.polyhost.host.supervisor.Proposals.stop;
import static io.polyhost.host.supervisor.Proposals.unload;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.polyhost.api.crypto.Hash;
import io.polyhost.api.error.CoreError;
import io.polyhost.api.error.ExecutionError;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.api.proto.MigrationStatusProto;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceQuery;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.supervisor.Supervisor.Methods;
import io.polyhost.supervisor.SupervisorError;
import io.polyhost.supervisor.SupervisorSchema;
import io.polyhost.supervisor.proto.AsyncEventState;
import io.polyhost.supervisor.proto.MigrationRequest;
import io.polyhost.supervisor.proto.MigrationResult;
import io.polyhost.supervisor.proto.MigrationState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data migrations through the supervisor (reference: supervisor/migrations). */
class MigrationsTest {
  static final ArtifactId V01 = ArtifactId.parse("1:counter:0.1.0");
  static final ArtifactId V011 = ArtifactId.parse("1:counter:0.1.1");
  static final ArtifactId V02 = ArtifactId.parse("1:counter:0.2.0");
  static final ArtifactId V03 = ArtifactId.parse("1:counter:0.3.0");
  static final ArtifactId V05 = ArtifactId.parse("1:counter:0.5.0");
  static final ArtifactId PLAIN = ArtifactId.parse("1:counter:0.6.0");

  @TempDir Path dir;

  private SupervisedChain chain(int validators) {
    SupervisedChain chain =
        SupervisedChain.builder(dir)
            .validators(validators)
            .javaArtifact(V01, IncService.FACTORY)
            .javaArtifact(V011, IncService.FACTORY, MigrationScripts.provider())
            .javaArtifact(
                V02, IncService.FACTORY, MigrationScripts.provider(MigrationScripts.TO_0_2))
            .javaArtifact(
                V03, IncService.FACTORY, MigrationScripts.provider(MigrationScripts.BROKEN))
            .javaArtifact(
                V05,
                IncService.FACTORY,
                MigrationScripts.provider(MigrationScripts.TO_0_2, MigrationScripts.TO_0_5))
            .javaArtifact(PLAIN, IncService.FACTORY)
            .start();
    chain.deployArtifact(V01);
    chain.applyChanges(start(V01, "counter", ""));
    chain.block(SupervisedChain.sign(SupervisedChain.outsider(), 1, 0, new byte[0]));
    chain.applyChanges(stop(1));
    return chain;
  }

  @Test
  void migration() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V02);
      MigrationRequest request = migrate(V02, "counter", chain.height() + 20);
      succeeded(chain, send(chain, 0, request));
      awaitSuccess(chain, request, "0.2.0");
      assertThat(chain.instance("counter").effectiveDataVersion())
          .isEqualTo(Version.parse("0.2.0"));
      assertThat(chain.instance("counter").spec().artifact()).isEqualTo(V01);

      // The data is 0.2 but the service still runs 0.1: resuming is refused until a fast-forward.
      var resumeTx = proposeNow(chain, resume(1, ""));
      failedWith(chain, resumeTx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
      assertThat(chain.error(resumeTx).orElseThrow().description()).contains("fast-forward");

      MigrationRequest forward = request.toBuilder().setSeed(1).build();
      succeeded(chain, send(chain, 0, forward));
      assertThat(state(chain, forward).getInner().getState())
          .isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(chain.instance("counter").spec().artifact()).isEqualTo(V02);
      chain.applyChanges(resume(1, "now"));
      assertThat(countOf(chain)).isEqualTo(101);
      assertThat(versionMark(chain)).isEqualTo("0.2");
    }
  }

  @Test
  void migration_two_scripts_sequential() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V05);
      MigrationRequest first = migrate(V05, "counter", chain.height() + 20);
      send(chain, 0, first);
      awaitSuccess(chain, first, "0.2.0");
      MigrationRequest second = first.toBuilder().setSeed(1).build();
      send(chain, 0, second);
      awaitSuccess(chain, second, "0.5.0");
      MigrationRequest forward = first.toBuilder().setSeed(2).build();
      send(chain, 0, forward);
      chain.applyChanges(resume(1, ""));
      assertThat(countOf(chain)).isEqualTo(101);
      assertThat(versionMark(chain)).isEqualTo("0.5");
    }
  }

  @Test
  void migration_fail() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V03);
      MigrationRequest request = migrate(V03, "counter", chain.height() + 20);
      send(chain, 0, request);
      chain.blocksUntilReport(Methods.REPORT_MIGRATION_RESULT);
      chain.block();
      MigrationState state = state(chain, request);
      assertThat(state.getInner().getState()).isEqualTo(AsyncEventState.Type.FAIL);
      ExecutionError error = ExecutionError.fromProto(state.getInner().getError().getError());
      assertThat(error.is(SupervisorError.MIGRATION_FAILED)).as(error.toString()).isTrue();
      assertThat(error.description()).contains("the broken script fails");
      chain.block();
      assertThat(chain.instance("counter").status()).contains(new InstanceStatus.Stopped());
      assertThat(chain.instance("counter").effectiveDataVersion()).isEqualTo(V01.version());
    }
  }

  @Test
  void complex_migration() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V05);
      MigrationRequest request = migrate(V05, "counter", chain.height() + 30);
      send(chain, 0, request);
      awaitSuccess(chain, request, "0.2.0");
      request = request.toBuilder().setSeed(request.getSeed() + 1).build();
      send(chain, 0, request);
      awaitSuccess(chain, request, "0.5.0");
      assertThat(chain.instance("counter").effectiveDataVersion())
          .isEqualTo(Version.parse("0.5.0"));
    }
  }

  @Test
  void no_migration_support() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(PLAIN);
      MigrationRequest request = migrate(PLAIN, "counter", chain.height() + 20);
      succeeded(chain, send(chain, 0, request));
      MigrationState state = state(chain, request);
      assertThat(state.getInner().getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(
              ExecutionError.fromProto(state.getInner().getError().getError())
                  .is(CoreError.NO_MIGRATION))
          .isTrue();
      assertThat(chain.instance("counter").status()).contains(new InstanceStatus.Stopped());
    }
  }

  @Test
  void migration_consensus() {
    try (SupervisedChain chain = chain(5)) {
      chain.deployArtifact(V02);
      MigrationRequest request = migrate(V02, "counter", chain.height() + 30);
      send(chain, 0, request);
      Hash hash = ourHash(chain.blocksUntilReport(Methods.REPORT_MIGRATION_RESULT));
      chain.block(reports(chain, request, hash, 1, 5));
      chain.block();
      MigrationState state = state(chain, request);
      assertThat(state.getInner().getState()).isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(state.getVersion()).isEqualTo("0.2.0");
    }
  }

  @Test
  void migration_no_consensus() {
    try (SupervisedChain chain = chain(5)) {
      chain.deployArtifact(V02);
      MigrationRequest request = migrate(V02, "counter", chain.height() + 8);
      send(chain, 0, request);
      Hash hash = ourHash(chain.blocksUntilReport(Methods.REPORT_MIGRATION_RESULT));
      chain.block(reports(chain, request, hash, 1, 4));
      assertThat(state(chain, request).getInner().getState())
          .isEqualTo(AsyncEventState.Type.PENDING);
      // The migration's target cannot be unloaded meanwhile.
      failedWith(chain, proposeNow(chain, unload(V02)), SupervisorError.MALFORMED_CONFIG_PROPOSE);
      chain.blocksUntil(request.getDeadlineHeight() + 2);
      assertThat(state(chain, request).getInner().getState())
          .isEqualTo(AsyncEventState.Type.TIMEOUT);
      assertThat(chain.instance("counter").status()).contains(new InstanceStatus.Stopped());
      assertThat(chain.instance("counter").effectiveDataVersion()).isEqualTo(V01.version());
    }
  }

  @Test
  void migration_hash_divergence() {
    try (SupervisedChain chain = chain(2)) {
      chain.deployArtifact(V02);
      MigrationRequest request = migrate(V02, "counter", chain.height() + 30);
      send(chain, 0, request);
      chain.blocksUntilReport(Methods.REPORT_MIGRATION_RESULT);
      chain.block(reports(chain, request, Hash.sha256(new byte[] {1}), 1, 2));
      MigrationState state = state(chain, request);
      assertThat(state.getInner().getState()).isEqualTo(AsyncEventState.Type.FAIL);
      assertThat(
              ExecutionError.fromProto(state.getInner().getError().getError())
                  .is(SupervisorError.STATE_HASH_DIVERGENCE))
          .isTrue();
      chain.block();
      assertThat(chain.instance("counter").status()).contains(new InstanceStatus.Stopped());
    }
  }

  @Test
  void fast_forward_migration() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V011);
      MigrationRequest request = migrate(V011, "counter", chain.height() + 20);
      succeeded(chain, send(chain, 0, request));
      MigrationState state = state(chain, request);
      assertThat(state.getInner().getState()).isEqualTo(AsyncEventState.Type.SUCCESS);
      assertThat(state.getVersion()).isEqualTo("0.1.1");
      assertThat(chain.instance("counter").spec().artifact()).isEqualTo(V011);
      chain.applyChanges(resume(1, ""));
      assertThat(chain.instance("counter").status()).contains(new InstanceStatus.Active());
    }
  }

  @Test
  void mixed_migration() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V011);
      chain.deployArtifact(V05);
      MigrationRequest forward = migrate(V011, "counter", chain.height() + 30);
      send(chain, 0, forward);
      assertThat(chain.instance("counter").spec().artifact()).isEqualTo(V011);
      MigrationRequest first = migrate(V05, "counter", chain.height() + 30);
      send(chain, 0, first);
      awaitSuccess(chain, first, "0.2.0");
      MigrationRequest second = first.toBuilder().setSeed(1).build();
      send(chain, 0, second);
      awaitSuccess(chain, second, "0.5.0");
      send(chain, 0, first.toBuilder().setSeed(2).build());
      assertThat(chain.instance("counter").spec().artifact()).isEqualTo(V05);
    }
  }

  @Test
  void a_repeated_migration_request_does_not_strand_the_running_migration() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V02);
      MigrationRequest request = migrate(V02, "counter", chain.height() + 20);
      send(chain, 0, request);
      var again = send(chain, 0, Proposals.withUnknownField(request));
      failedWith(chain, again, SupervisorError.MIGRATION_REQUEST_ALREADY_REGISTERED);
      awaitSuccess(chain, request, "0.2.0");
    }
  }

  @Test
  void a_migration_request_with_a_passed_deadline_is_refused() {
    try (SupervisedChain chain = chain(1)) {
      chain.deployArtifact(V02);
      var tx = send(chain, 0, migrate(V02, "counter", 1));
      failedWith(chain, tx, SupervisorError.DEADLINE_EXCEEDED);
      assertThat(chain.error(tx).orElseThrow().description()).contains("is in the past");
    }
  }

  @Test
  void migrating_an_unknown_service_is_refused() {
    try (SupervisedChain chain = chain(1)) {
      var tx = send(chain, 0, migrate(V02, "nobody", chain.height() + 20));
      failedWith(chain, tx, SupervisorError.MALFORMED_CONFIG_PROPOSE);
      assertThat(chain.error(tx).orElseThrow().description()).contains("'nobody' does not exist");
    }
  }

  private static void awaitSuccess(
      SupervisedChain chain, MigrationRequest request, String version) {
    chain.blocksUntilReport(Methods.REPORT_MIGRATION_RESULT);
    chain.block(); // commits the migration
    chain.block(); // flushes it
    MigrationState state = state(chain, request);
    assertThat(state.getInner().getState())
        .as(state.toString())
        .isEqualTo(AsyncEventState.Type.SUCCESS);
    assertThat(state.getVersion()).isEqualTo(version);
  }

  private static SignedTransaction send(SupervisedChain chain, int validator, MigrationRequest r) {
    var tx = chain.tx(validator, Methods.REQUEST_MIGRATION, r);
    chain.block(tx);
    return tx;
  }

  private static SignedTransaction proposeNow(
      SupervisedChain chain, io.polyhost.supervisor.proto.ConfigChange change) {
    long number = chain.supervisor(SupervisorSchema::configurationNumber);
    var tx = chain.tx(0, Methods.PROPOSE_CONFIG_CHANGE, Proposals.propose(0, number, change));
    chain.block(tx);
    return tx;
  }

  private static Hash ourHash(SignedTransaction report) {
    try {
      MigrationResult result = MigrationResult.parseFrom(report.transaction().getArguments());
      assertThat(result.getStatus().hasHash()).as(result.toString()).isTrue();
      return Hash.fromProto(result.getStatus().getHash());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static SignedTransaction[] reports(
      SupervisedChain chain, MigrationRequest request, Hash hash, int from, int to) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      txs.add(
          chain.tx(
              i,
              Methods.REPORT_MIGRATION_RESULT,
              MigrationResult.newBuilder()
                  .setRequest(request)
                  .setStatus(MigrationStatusProto.newBuilder().setHash(hash.toProto()))
                  .build()));
    }
    return txs.toArray(SignedTransaction[]::new);
  }

  private static MigrationState state(SupervisedChain chain, MigrationRequest request) {
    return chain.supervisor(s -> s.migrationState(request)).orElseThrow();
  }

  private static long countOf(SupervisedChain chain) {
    return chain.read(s ->
        s.forService(InstanceQuery.name("counter"))
            .orElseThrow()
            .entry("count", Serializers.int64())
            .get()
            .orElse(0L));
  }

  private static String versionMark(SupervisedChain chain) {
    return chain.read(s ->
        s.forService(InstanceQuery.name("counter"))
            .orElseThrow()
            .entry("version", Serializers.string())
            .get()
            .orElse(""));
  }
}
