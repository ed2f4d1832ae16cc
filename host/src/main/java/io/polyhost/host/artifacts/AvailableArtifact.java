package io.polyhost.host.artifacts;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import java.util.Objects;
import java.util.Optional;

/**
 * A file in the artifacts folder: the artifact it holds and how to deploy it, or why it is not
 * usable.
 *
 * @param file the file name within the folder
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its bytes (the whole file)
 * @param artifact the artifact it declares; empty if it declares none that is valid
 * @param deploySpec the deploy spec naming the file and its hash, for a deploy request; empty
 *     unless {@code artifact} is present
 * @param problem why the file cannot be deployed; empty if it can
 */
public record AvailableArtifact(
    String file,
    long size,
    Hash sha256,
    Optional<ArtifactId> artifact,
    byte[] deploySpec,
    Optional<String> problem) {
  /** Checks and copies the parts. */
  public AvailableArtifact {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(problem, "problem");
    deploySpec = deploySpec.clone();
    if (artifact.isPresent() == problem.isPresent()) {
      throw new IllegalArgumentException("An available artifact has an id or a problem, not both");
    }
  }

  static AvailableArtifact usable(
      String file, long size, Hash sha256, ArtifactId artifact, byte[] deploySpec) {
    return new AvailableArtifact(
        file, size, sha256, Optional.of(artifact), deploySpec, Optional.empty());
  }

  static AvailableArtifact unusable(String file, long size, Hash sha256, String problem) {
    return new AvailableArtifact(
        file, size, sha256, Optional.empty(), new byte[0], Optional.of(problem));
  }

  /** A copy of the deploy spec. */
  @Override
  public byte[] deploySpec() {
    return deploySpec.clone();
  }
}
