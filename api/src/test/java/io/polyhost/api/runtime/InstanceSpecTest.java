package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.proto.InstanceSpecProto;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {
  private static final ArtifactId ARTIFACT = ArtifactId.parse("0:my-service:1.0.0");

  @Test
  void testInstanceSpecValidateCorrect() {
    InstanceSpec spec = new InstanceSpec(15, "foo-service", ARTIFACT);
    assertThat(spec.id()).isEqualTo(15);
    assertThat(spec.name()).isEqualTo("foo-service");
    assertThat(spec.artifact()).isEqualTo(ARTIFACT);
    assertThat(new InstanceSpec(0, "Foo_Bar-09", ARTIFACT).name()).isEqualTo("Foo_Bar-09");
  }

  @Test
  void testInstanceSpecValidateIncorrect() {
    assertThatThrownBy(() -> new InstanceSpec(1, "", ARTIFACT))
        .hasMessage("Service name must not be empty");
    assertThatThrownBy(() -> new InstanceSpec(2, "русский_сервис", ARTIFACT))
        .hasMessage(
            "Service name 'русский_сервис' contains an illegal character 'р' at position 0;"
                + " allowed are a-z, A-Z, 0-9, '_', '-'");
    assertThatThrownBy(
            () -> new InstanceSpec(3, "space service", ArtifactId.parse("1:java.runtime:1.0.0")))
        .hasMessageContaining("contains an illegal character ' ' at position 5");
    assertThatThrownBy(() -> new InstanceSpec(4, "foo_service", ArtifactId.parse("")))
        .hasMessageStartingWith("Wrong ArtifactId format ''");
    assertThatThrownBy(() -> new InstanceSpec(5, "dot.service", ARTIFACT))
        .hasMessageContaining("contains an illegal character '.' at position 3");
    assertThatThrownBy(() -> new InstanceSpec(6, "foo_service", ArtifactId.parse(":test:1.0.0")))
        .hasMessage("Runtime id of the artifact is empty");
    assertThatThrownBy(() -> new InstanceSpec(7, "slash/service", ARTIFACT))
        .hasMessageContaining("illegal character '/'");
    assertThatThrownBy(() -> new InstanceSpec(-1, "neg", ARTIFACT))
        .hasMessage("Instance id must not be negative, got -1");
  }

  @Test
  void rejectsAbsurdlyLongNames() {
    String name = "s".repeat(InstanceSpec.MAX_NAME_LENGTH);
    assertThat(new InstanceSpec(1, name, ARTIFACT).name()).hasSize(64);
    assertThatThrownBy(() -> new InstanceSpec(1, name + "s", ARTIFACT))
        .hasMessage("Service name is 65 characters long; at most 64 are allowed");
  }

  @Test
  void protoAndTextForms() {
    InstanceSpec spec = new InstanceSpec(3, "token", ArtifactId.parse("1:com.example.token:1.0.0"));
    assertThat(spec).hasToString("1:com.example.token:1.0.0@3:token");
    InstanceSpecProto proto = spec.toProto();
    assertThat(proto.getId()).isEqualTo(3);
    assertThat(proto.getName()).isEqualTo("token");
    assertThat(proto.getArtifact().getName()).isEqualTo("com.example.token");
    assertThat(InstanceSpec.fromProto(proto)).isEqualTo(spec);
  }

  @Test
  void fromProtoValidates() {
    assertThatThrownBy(
            () -> InstanceSpec.fromProto(InstanceSpecProto.newBuilder().setName("token").build()))
        .hasMessage("Instance spec 'token' has no artifact");
    InstanceSpecProto dotted =
        new InstanceSpec(1, "token", ARTIFACT).toProto().toBuilder().setName("a.b").build();
    assertThatThrownBy(() -> InstanceSpec.fromProto(dotted))
        .hasMessageContaining("illegal character '.'");
    InstanceSpecProto huge = dotted.toBuilder().setName("ok").setId(-2).build();
    assertThatThrownBy(() -> InstanceSpec.fromProto(huge))
        .hasMessage("Instance id 4294967294 is too large");
  }
}
