package io.polyhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.crypto.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void aCreatedKeyIsOwnerOnlyAndReadBackAlike() throws Exception {
    Path file = dir.resolve("keys/consensus.key");
    KeyPair created = KeyFiles.loadOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(KeyFiles.loadOrCreate(file).publicKey()).isEqualTo(created.publicKey());
    assertThat(dir.resolve("keys")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    Path file = dir.resolve("k.key");
    KeyFiles.create(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyFiles.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chmod 600 " + file);
  }

  @Test
  void aFileThatIsNoKeyIsRefusedWithoutEchoingIt() throws Exception {
    Path file = dir.resolve("k.key");
    Files.writeString(file, "secret-ish text");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> KeyFiles.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a key")
        .hasMessageNotContaining("secret-ish");
  }
}
