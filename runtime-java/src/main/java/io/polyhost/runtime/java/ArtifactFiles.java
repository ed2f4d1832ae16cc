package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.ARTIFACT_NOT_FOUND;
import static io.polyhost.runtime.java.JavaRuntimeError.HASH_MISMATCH;
import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_JAR;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.service.JavaArtifactSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads an artifact's JAR from the artifacts directory into memory and checks its hash, before
 * anything else looks at it.
 */
final class ArtifactFiles {
  private final Path directory;
  private final JarLimits limits;

  ArtifactFiles(Path directory, JarLimits limits) {
    this.directory = directory.toAbsolutePath().normalize();
    this.limits = limits;
  }

  /**
   * The bytes of the file {@code spec} names, once their SHA-256 matches.
   *
   * @throws io.polyhost.api.error.ExecutionException if the file is missing, not a regular file,
   *     too large, or has another hash
   */
  byte[] readVerified(JavaArtifactSpec spec) {
    Path file = directory.resolve(spec.fileName()).normalize();
    if (!directory.equals(file.getParent())) {
      // JavaArtifactSpec refuses separators already; this guards against what it cannot see.
      throw ARTIFACT_NOT_FOUND.exception(
          "Artifact file '" + spec.fileName() + "' resolves outside " + directory);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw ARTIFACT_NOT_FOUND.exception(
          "Artifact file "
              + file
              + " does not exist or is not a regular file; copy the JAR into "
              + directory);
    }
    byte[] bytes = read(file);
    Hash actual = Hash.sha256(bytes);
    if (!actual.equals(spec.sha256())) {
      throw HASH_MISMATCH.exception(
          "Artifact file "
              + file
              + " has SHA-256 "
              + actual.toHex()
              + " but the deploy spec requires "
              + spec.sha256().toHex()
              + "; it is not the JAR that was approved");
    }
    return bytes;
  }

  private byte[] read(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      // Read one byte past the limit to notice a file that grows while being read.
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxJarBytes() + 1));
      if (bytes.length > limits.maxJarBytes()) {
        throw INVALID_JAR.exception(
            "Artifact file "
                + file
                + " is larger than "
                + limits.maxJarBytes()
                + " bytes, the largest JAR this node accepts");
      }
      return bytes;
    } catch (IOException e) {
      throw ARTIFACT_NOT_FOUND.exception("Cannot read artifact file " + file + ": " + e);
    }
  }
}
