package io.polyhost.api.runtime;

/**
 * A client's requirement on an artifact: its name and acceptable versions, e.g. {@code
 * exonum.Token@^1.3.0}.
 *
 * <p>Clients (light clients, other services) state what they were written against, and the node
 * refuses a call or a schema access when the service's artifact no longer fits, instead of letting
 * a client misread data laid out by an incompatible version.
 *
 * @param name the artifact name (same rules as {@link ArtifactId#name()})
 * @param version the acceptable versions
 */
public record ArtifactReq(String name, VersionReq version) {
  /**
   * Validates the name.
   *
   * @throws IllegalArgumentException if the name is not a valid artifact name
   */
  public ArtifactReq {
    ArtifactId.validateName(name);
  }

  /**
   * Parses {@code name@requirement}, e.g. {@code com.example.token@^1.2} or {@code
   * com.example.token@>=1.0, <3}.
   *
   * @throws IllegalArgumentException if the {@code @} is missing or the name or requirement is
   *     invalid
   */
  public static ArtifactReq parse(String text) {
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "Invalid artifact requirement '"
              + text
              + "': use the form name@version-requirement, e.g. com.example.token@^1.3.0");
    }
    return new ArtifactReq(text.substring(0, at), VersionReq.parse(text.substring(at + 1)));
  }

  /**
   * Whether {@code artifact} has this name and a version this requirement accepts (any runtime).
   */
  public boolean matches(ArtifactId artifact) {
    return name.equals(artifact.name()) && version.matches(artifact.version());
  }

  /** {@code name@requirement}, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return name + "@" + version;
  }
}
