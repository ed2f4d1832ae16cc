package io.polyhost.host.config;

import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Ed25519 key pairs kept in files: the 32-byte secret seed as 64 hex digits, readable and writable
 * by the owner only (0600).
 *
 * <p>A key file that others can read is refused rather than used, as ssh does: a leaked consensus
 * key lets anyone sign blocks as this validator.
 */
public final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KeyFiles() {}

  /**
   * Reads the key pair in {@code file}, or generates one and writes it there if the file does not
   * exist.
   *
   * @throws IllegalArgumentException if the file exists but is not a key file or others may read it
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static KeyPair loadOrCreate(Path file) {
    return Files.exists(file) ? load(file) : create(file);
  }

  /**
   * Reads the key pair in {@code file}.
   *
   * @throws IllegalArgumentException if the file is not a key file or others may read it
   * @throws UncheckedIOException if the file cannot be read
   */
  public static KeyPair load(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IllegalArgumentException(
            "The key file "
                + file
                + " may be read by others ("
                + PosixFilePermissions.toString(permissions)
                + "); restrict it with: chmod 600 "
                + file);
      }
      String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
      try {
        return KeyPair.fromSecretKey(SecretKey.fromHex(hex));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The key file " + file + " is not a key: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the key file " + file, e);
    }
  }

  /**
   * Generates a key pair and writes it to {@code file}, which must not exist; the file appears
   * complete or not at all.
   *
   * @throws UncheckedIOException if the file exists or cannot be written
   */
  public static KeyPair create(Path file) {
    KeyPair keys = KeyPair.generate();
    Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent());
    try {
      Files.createDirectories(dir);
      // Created with 0600 from the start, so the secret is never readable by others, even
      // briefly; moved into place so a crash never leaves half a key.
      Path temp =
          Files.createTempFile(
              dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.writeString(temp, keys.secretKey().toHex() + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the key file " + file, e);
    }
    return keys;
  }
}
