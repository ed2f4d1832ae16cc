package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.InstanceStatusProto;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceStateTest {
  private static final ArtifactId V1 = ArtifactId.parse("1:counter:1.0.0");
  private static final ArtifactId V2 = ArtifactId.parse("1:counter:2.0.0");
  private static final InstanceSpec SPEC = new InstanceSpec(3, "counter", V1);

  @Test
  void predicatesFollowTheLifecycleTable() {
    var migrating = InstanceStatus.Migrating.running(V2, V2.version());
    assertThat(List.of(InstanceStatus.ACTIVE, InstanceStatus.FROZEN, migrating))
        .allMatch(InstanceStatus::providesReadAccess);
    assertThat(InstanceStatus.STOPPED.providesReadAccess()).isFalse();
    assertThat(InstanceStatus.STOPPED.canBeResumed()).isTrue();
    assertThat(InstanceStatus.FROZEN.canBeResumed()).isTrue();
    assertThat(InstanceStatus.ACTIVE.canBeResumed()).isFalse();
    assertThat(InstanceStatus.ACTIVE.canBeStopped()).isTrue();
    assertThat(InstanceStatus.FROZEN.canBeStopped()).isTrue();
    assertThat(InstanceStatus.STOPPED.canBeStopped()).isFalse();
    assertThat(InstanceStatus.STOPPED.canBeFrozen()).as("data may match no artifact").isFalse();
    assertThat(migrating.canBeStopped()).isFalse();
  }

  @Test
  void everyStatusSurvivesItsProtobufForm() {
    var running = InstanceStatus.Migrating.running(V2, Version.parse("1.5.0"));
    var committed = running.commit(Hash.sha256(new byte[] {1}));
    for (InstanceStatus status :
        List.of(
            InstanceStatus.ACTIVE,
            InstanceStatus.STOPPED,
            InstanceStatus.FROZEN,
            running,
            committed)) {
      assertThat(InstanceStatus.fromProto(status.toProto())).contains(status);
    }
    assertThat(InstanceStatus.fromProto(InstanceStatusProto.getDefaultInstance())).isEmpty();
  }

  @Test
  void stateSurvivesItsSerializedForm() {
    var created = InstanceState.created(SPEC);
    assertThat(InstanceState.parse(created.toProto().toByteArray())).isEqualTo(created);
    var migrated =
        new InstanceState(
            SPEC,
            Optional.of(InstanceStatus.STOPPED),
            Optional.empty(),
            Optional.of(Version.parse("1.5.0")));
    assertThat(InstanceState.parse(migrated.toProto().toByteArray())).isEqualTo(migrated);
  }

  @Test
  void dataVersionDecidesTheAssociatedArtifact() {
    var plain =
        new InstanceState(
            SPEC, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty());
    assertThat(plain.associatedArtifact()).contains(V1);
    assertThat(plain.effectiveDataVersion()).isEqualTo(V1.version());
    var migrated =
        new InstanceState(
            SPEC, Optional.of(InstanceStatus.STOPPED), Optional.empty(), Optional.of(V2.version()));
    assertThat(migrated.associatedArtifact()).isEmpty();
    assertThat(migrated.effectiveDataVersion()).isEqualTo(V2.version());
  }

  @Test
  void pendingStatusDecidesReadability() {
    var created = InstanceState.created(SPEC);
    assertThat(created.isReadable()).as("readable in its creation block").isTrue();
    assertThat(created.isActive()).as("not callable before the block commits").isFalse();
    var stopping =
        new InstanceState(
                SPEC, Optional.of(InstanceStatus.ACTIVE), Optional.empty(), Optional.empty())
            .withPending(InstanceStatus.STOPPED);
    assertThat(stopping.isReadable()).isFalse();
    assertThat(stopping.isActive()).as("works until its block ends").isTrue();
  }

  @Test
  void garbageIsRejectedWithAReason() {
    assertThatThrownBy(() -> InstanceState.parse(new byte[] {(byte) 0xff, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InstanceStateProto");
  }

  @Test
  void childCallCopiesItsArguments() {
    byte[] args = {1, 2};
    var call = ChildCall.of(InstanceQuery.name("wallet"), 4, args).inInterface("x.Y");
    args[0] = 9;
    assertThat(call.arguments()).containsExactly(1, 2);
    assertThat(call.interfaceName()).isEqualTo("x.Y");
    assertThat(call.fallthroughAuth()).isFalse();
    assertThat(call.withFallthroughAuth().fallthroughAuth()).isTrue();
  }
}
