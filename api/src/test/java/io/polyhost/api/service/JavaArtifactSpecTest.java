package io.polyhost.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proto.JavaArtifactSpecProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaArtifactSpecTest {
  private static final Hash HASH = Hash.sha256(new byte[] {1, 2, 3});

  @Test
  void roundTripsThroughItsSerializedForm() {
    JavaArtifactSpec spec = new JavaArtifactSpec("wallet-1.0.0.jar", HASH);
    assertThat(JavaArtifactSpec.parse(spec.toBytes())).isEqualTo(spec);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "wallet.zip",
        "../wallet.jar",
        "lib/wallet.jar",
        "a\\b.jar",
        "C:x.jar",
        ".hidden.jar",
        "tab\t.jar"
      })
  void refusesFileNamesThatAreNotPlainJarNames(String name) {
    assertThatThrownBy(() -> new JavaArtifactSpec(name, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Artifact file name '" + name + "'");
  }

  @Test
  void refusesBytesThatAreNotASpecOrLackTheHash() {
    assertThatThrownBy(() -> JavaArtifactSpec.parse(new byte[] {(byte) 0xff}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JavaArtifactSpecProto");
    byte[] noHash = JavaArtifactSpecProto.newBuilder().setFileName("w.jar").build().toByteArray();
    assertThatThrownBy(() -> JavaArtifactSpec.parse(noHash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no sha256");
  }
}
