package io.polyhost.runtime.js;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/**
 * The JavaScript runtime's own error codes, of kind {@link ErrorKind#RUNTIME}.
 *
 * <p>{@link #OUT_OF_GAS} is part of consensus: a call that runs more statements than the limit
 * fails with it on every node. The others are deploy failures, which are node-local.
 */
public enum JsError implements ErrorCode {
  /** The call ran more JavaScript statements than {@link JsLimits#statementsPerCall()} allows. */
  OUT_OF_GAS(0),
  /** The deploy spec names a file that is not in the artifacts directory. */
  ARTIFACT_NOT_FOUND(1),
  /** The file's SHA-256 differs from the one in the deploy spec. */
  ARTIFACT_HASH_MISMATCH(2),
  /**
   * The file is not a valid artifact: not UTF-8, a syntax error, failing top-level code, a missing
   * or wrong {@code artifact} declaration, or a malformed {@code service} export.
   */
  ARTIFACT_INVALID(3),
  /** The deploy spec bytes are not a well-formed {@code JsDeploySpecProto}. */
  MALFORMED_DEPLOY_SPEC(4);

  private final int code;

  JsError(int code) {
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
