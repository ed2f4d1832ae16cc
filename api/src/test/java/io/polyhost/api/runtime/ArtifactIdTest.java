package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.proto.ArtifactIdProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactIdTest {
  @Test
  void parseArtifactIdCorrect() {
    ArtifactId id = ArtifactId.parse("0:my-service:1.0.0");
    assertThat(id.runtimeId()).isZero();
    assertThat(id.name()).isEqualTo("my-service");
    assertThat(id.version()).isEqualTo(Version.of(1, 0, 0));

    id = ArtifactId.parse("1:com.my.java.service:3.1.5-beta.2");
    assertThat(id.runtimeId()).isEqualTo(RuntimeId.JAVA);
    assertThat(id.name()).isEqualTo("com.my.java.service");
    assertThat(id.version()).isEqualTo(Version.parse("3.1.5-beta.2"));

    id = ArtifactId.parse("0:my-service/additional:1.0.0");
    assertThat(id.name()).isEqualTo("my-service/additional");

    id = ArtifactId.parse("2:token_v2.js:2.0.0-rc.3+build.1");
    assertThat(id.runtimeId()).isEqualTo(RuntimeId.JAVASCRIPT);
    assertThat(id.version().build()).containsExactly("build", "1");
  }

  /** Exonum's {@code parse_artifact_id_incorrect_layout} cases, with Polyhost's messages. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "15|Wrong ArtifactId format '15': expected 'runtimeId:name:version'",
        "1:test|Wrong ArtifactId format '1:test'",
        "0::3.1.0|Artifact name must not be empty",
        ":test:1.0.0|Runtime id of the artifact is empty",
        "-1:test:1.0.0|Runtime id '-1' is not a decimal number between 0 and 2147483647",
        "+1:test:1.0.0|Runtime id '+1' is not a decimal number",
        "ava:test:0.0.1|Runtime id 'ava' is not a decimal number",
        "2147483648:test:1.0.0|Runtime id '2147483648' is not a decimal number between 0 and"
            + " 2147483647",
        "123:I am a service!:1.0.0|Artifact name 'I am a service!' contains an illegal character"
            + " ' ' at position 1; allowed are a-z, A-Z, 0-9, '_', '-', '.' and '/'",
        "123:юникоды:1.0.0|Artifact name 'юникоды' contains an illegal character 'ю' at position 0",
        "1:test:1|Invalid version '1': unexpected end of input after major version number,"
            + " expected '.'",
        "1:test:3.141593|unexpected end of input after minor version number",
        "1:test:what_are_versions|unexpected character 'w' at position 0 while parsing major"
            + " version number",
        "1:test:1.x.0|unexpected character 'x' at position 2 while parsing minor version number",
        "1:test:1.0.x|unexpected character 'x' at position 4 while parsing patch version number",
        "1:test:1.0.0:garbage|unexpected character ':' at position 5 after patch version number",
      })
  void parseArtifactIdIncorrectLayout(String text, String problem) {
    assertThatThrownBy(() -> ArtifactId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void rejectsAbsurdlyLongNames() {
    String name = "a".repeat(ArtifactId.MAX_NAME_LENGTH);
    assertThat(new ArtifactId(1, name, Version.of(1, 0, 0)).name()).hasSize(255);
    assertThatThrownBy(() -> new ArtifactId(1, name + "a", Version.of(1, 0, 0)))
        .hasMessage("Artifact name is 256 characters long; at most 255 are allowed");
  }

  @Test
  void rejectsNegativeRuntimeIds() {
    assertThatThrownBy(() -> new ArtifactId(-1, "x", Version.of(1, 0, 0)))
        .hasMessage("Runtime id must not be negative, got -1");
  }

  @Test
  void textAndProtoFormsRoundTrip() {
    ArtifactId id = ArtifactId.parse("1:com.example.token:1.2.0-rc.1+7");
    assertThat(id).hasToString("1:com.example.token:1.2.0-rc.1+7");
    assertThat(ArtifactId.parse(id.toString())).isEqualTo(id);
    ArtifactIdProto proto = id.toProto();
    assertThat(proto.getRuntimeId()).isEqualTo(1);
    assertThat(proto.getName()).isEqualTo("com.example.token");
    assertThat(proto.getVersion()).isEqualTo("1.2.0-rc.1+7");
    assertThat(ArtifactId.fromProto(proto)).isEqualTo(id);
  }

  @Test
  void fromProtoValidates() {
    assertThatThrownBy(() -> ArtifactId.fromProto(ArtifactIdProto.getDefaultInstance()))
        .hasMessage("Artifact name must not be empty");
    assertThatThrownBy(() ->
            ArtifactId.fromProto(
                ArtifactIdProto.newBuilder().setName("a").setVersion("1.0").build()))
        .hasMessageStartingWith("Invalid version '1.0'");
    assertThatThrownBy(() ->
            ArtifactId.fromProto(
                ArtifactIdProto.newBuilder()
                    .setRuntimeId(-1) // uint32 4294967295 on the wire
                    .setName("a")
                    .setVersion("1.0.0")
                    .build()))
        .hasMessage("Runtime id 4294967295 is too large");
  }

  @Test
  void upgradesNeedTheSameRuntimeAndNameAndAHigherVersion() {
    ArtifactId v100 = ArtifactId.parse("1:token:1.0.0");
    assertThat(ArtifactId.parse("1:token:1.0.1").isUpgradeOf(v100)).isTrue();
    assertThat(ArtifactId.parse("1:token:2.0.0-alpha").isUpgradeOf(v100)).isTrue();
    assertThat(v100.isUpgradeOf(ArtifactId.parse("1:token:1.0.0-rc.1"))).isTrue();
    assertThat(v100.isUpgradeOf(v100)).isFalse();
    assertThat(ArtifactId.parse("1:token:0.9.0").isUpgradeOf(v100)).isFalse();
    assertThat(ArtifactId.parse("1:token:1.0.0+build.2").isUpgradeOf(v100))
        .as("build metadata is not a newer version")
        .isFalse();
    assertThat(ArtifactId.parse("1:other:2.0.0").isUpgradeOf(v100)).isFalse();
    assertThat(ArtifactId.parse("2:token:2.0.0").isUpgradeOf(v100)).isFalse();
  }
}
