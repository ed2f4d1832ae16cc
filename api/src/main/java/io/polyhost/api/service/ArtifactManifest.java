package io.polyhost.api.service;

import io.polyhost.api.runtime.Version;

/**
 * The main-section attributes of an artifact JAR's manifest, and the version of this API that
 * {@link #API_VERSION_RANGE} is checked against.
 *
 * <p>Example:
 *
 * <pre>
 * Polyhost-Runtime: java
 * Polyhost-Artifact-Name: com.example.wallet
 * Polyhost-Artifact-Version: 1.2.0
 * Polyhost-Api-Version: ^1.0
 * Polyhost-Service-Factory: com.example.wallet.WalletFactory
 * Polyhost-Migrations: com.example.wallet.WalletMigrations
 * </pre>
 *
 * The name and version must equal those of the artifact id the JAR is deployed as. The JAR must be
 * flat: no {@code Class-Path}, no {@code Multi-Release}, no nested archives or native libraries, no
 * classes in the packages the host provides ({@code io.polyhost}, {@code com.google.protobuf}).
 */
public final class ArtifactManifest {
  /** The version of this service API; artifacts state which versions they accept. */
  public static final Version API_VERSION = Version.of(1, 0, 0);

  /** The runtime; must be {@value #JAVA_RUNTIME}. */
  public static final String RUNTIME = "Polyhost-Runtime";

  /** The value of {@link #RUNTIME} for Java artifacts. */
  public static final String JAVA_RUNTIME = "java";

  /** The artifact name, as in {@link io.polyhost.api.runtime.ArtifactId}. */
  public static final String ARTIFACT_NAME = "Polyhost-Artifact-Name";

  /** The artifact's semantic version. */
  public static final String ARTIFACT_VERSION = "Polyhost-Artifact-Version";

  /**
   * The versions of this API the artifact works with, as a {@link
   * io.polyhost.api.runtime.VersionReq} (e.g. {@code ^1.0}); must admit {@link #API_VERSION}.
   */
  public static final String API_VERSION_RANGE = "Polyhost-Api-Version";

  /** The binary name of the {@link ServiceFactory} class. */
  public static final String SERVICE_FACTORY = "Polyhost-Service-Factory";

  /** Optional: the binary name of the {@link MigrationProvider} class. */
  public static final String MIGRATIONS = "Polyhost-Migrations";

  private ArtifactManifest() {}
}
