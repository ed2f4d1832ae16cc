package io.polyhost.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactReqTest {
  @Test
  void artifactReqParsing() {
    ArtifactReq req = ArtifactReq.parse("exonum.Token@^1.0.5");
    assertThat(req.name()).isEqualTo("exonum.Token");
    assertThat(req.version()).isEqualTo(VersionReq.parse("^1.0.5"));
    assertThat(req).hasToString("exonum.Token@^1.0.5");
    assertThat(ArtifactReq.parse(req.toString())).isEqualTo(req);
  }

  @Test
  void parsesRangesAndShorthands() {
    assertThat(ArtifactReq.parse("com.example.token@>=1.0, <3"))
        .hasToString("com.example.token@>=1.0, <3");
    assertThat(ArtifactReq.parse("token@1.2")).hasToString("token@^1.2");
    assertThat(ArtifactReq.parse("token@*").version()).isEqualTo(VersionReq.any());
  }

  @Test
  void matchesByNameAndVersionWhateverTheRuntime() {
    ArtifactReq req = ArtifactReq.parse("com.example.token@^1.2");
    assertThat(req.matches(ArtifactId.parse("1:com.example.token:1.2.0"))).isTrue();
    assertThat(req.matches(ArtifactId.parse("2:com.example.token:1.9.3"))).isTrue();
    assertThat(req.matches(ArtifactId.parse("1:com.example.token:1.1.9"))).isFalse();
    assertThat(req.matches(ArtifactId.parse("1:com.example.token:2.0.0"))).isFalse();
    assertThat(req.matches(ArtifactId.parse("1:com.example.token:1.3.0-rc.1"))).isFalse();
    assertThat(req.matches(ArtifactId.parse("1:com.example.tokens:1.2.0"))).isFalse();
  }

  @Test
  void badRequirementsSayWhatIsWrong() {
    assertThatThrownBy(() -> ArtifactReq.parse("exonum.Token"))
        .hasMessage(
            "Invalid artifact requirement 'exonum.Token': use the form name@version-requirement,"
                + " e.g. com.example.token@^1.3.0");
    assertThatThrownBy(() -> ArtifactReq.parse("@^1.0"))
        .hasMessage("Artifact name must not be empty");
    assertThatThrownBy(() -> ArtifactReq.parse("token@"))
        .hasMessageStartingWith("Version requirement is empty");
    assertThatThrownBy(() -> ArtifactReq.parse("to ken@^1"))
        .hasMessageContaining("illegal character ' '");
    assertThatThrownBy(() -> ArtifactReq.parse("token@^1@2"))
        .hasMessageContaining("unexpected character '@'");
  }
}
