package io.polyhost.api.runtime;

/**
 * The numeric ids of Polyhost's runtimes, the first part of every {@link ArtifactId}.
 *
 * <p>Ids are part of artifact ids stored on the blockchain, so they never change. (Exonum's Rust
 * runtime used 0, which Polyhost leaves unused.)
 */
public final class RuntimeId {
  /** The Java runtime: artifacts are JAR files. */
  public static final int JAVA = 1;

  /** The JavaScript runtime (GraalJS): artifacts are scripts or script bundles. */
  public static final int JAVASCRIPT = 2;

  private RuntimeId() {}
}
