package io.polyhost.runtime.java;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/**
 * The Java runtime's own errors, of kind {@code RUNTIME}: why it refused to deploy an artifact
 * (node-local), and the two ways metering stops a call ({@link #OUT_OF_GAS}, {@link
 * #CALL_TOO_DEEP}), which a call that hits a limit fails with on every node.
 */
public enum JavaRuntimeError implements ErrorCode {
  /** The artifact id names another runtime. */
  WRONG_RUNTIME(0),
  /** The deploy spec is not a well-formed {@code JavaArtifactSpecProto}. */
  MALFORMED_DEPLOY_SPEC(1),
  /** The JAR is not in the artifacts directory. */
  ARTIFACT_NOT_FOUND(2),
  /** The JAR's SHA-256 differs from the deploy spec's. */
  HASH_MISMATCH(3),
  /** The JAR breaks a rule on its content (see the package description). */
  INVALID_JAR(4),
  /** The manifest lacks an attribute or names another artifact. */
  INVALID_MANIFEST(5),
  /** The artifact was built for service API versions this node does not provide. */
  INCOMPATIBLE_API(6),
  /** The factory, service or migrations cannot be loaded or are malformed. */
  INVALID_SERVICE(7),
  /** The artifact is deployed already. */
  ALREADY_DEPLOYED(8),
  /**
   * The artifact's bytecode breaks the deploy-time policy; the description lists every violation
   * with its class, method, line and reference.
   */
  REFUSED_BYTECODE(9),
  /** The call used more gas than {@link GasLimits} allow it: part of consensus. */
  OUT_OF_GAS(10),
  /**
   * The call nested artifact methods deeper than {@link GasLimits#maxStackSlots()} allows: part of
   * consensus.
   */
  CALL_TOO_DEEP(11);

  private final int code;

  JavaRuntimeError(int code) {
    this.code = code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.RUNTIME;
  }

  @Override
  public int code() {
    return code;
  }
}
