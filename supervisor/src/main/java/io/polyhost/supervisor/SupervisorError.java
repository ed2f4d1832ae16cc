package io.polyhost.supervisor;

import io.polyhost.api.error.ErrorCode;
import io.polyhost.api.error.ErrorKind;

/**
 * The supervisor's own error codes (kind {@code SERVICE}), with the reference's numbers: 0–15
 * common, 16–31 artifacts, 32–47 services, 48–63 configuration, 64–79 migrations.
 */
public enum SupervisorError implements ErrorCode {
  /** A request's deadline (or a proposal's height) has passed; acting on it is impossible. */
  DEADLINE_EXCEEDED(0),
  /** A request names a deadline or activation height that is already in the past. */
  ACTUAL_FROM_IS_PAST(1),
  /** The artifact is registered already (deployed, deploying or unloading). */
  ALREADY_DEPLOYED(16),
  /** The artifact id is malformed. */
  INVALID_ARTIFACT_ID(17),
  /** This validator has already asked for this deployment. */
  DEPLOY_REQUEST_ALREADY_REGISTERED(18),
  /** A deploy result refers to no pending deployment, or to another request for the artifact. */
  DEPLOY_REQUEST_NOT_REGISTERED(19),
  /** A service is to be started from an artifact that is not active. */
  UNKNOWN_ARTIFACT(20),
  /** A service with that name exists already. */
  INSTANCE_EXISTS(32),
  /** The service name is malformed. */
  INVALID_INSTANCE_NAME(33),
  /** Another proposal is pending. */
  CONFIG_PROPOSE_EXISTS(48),
  /** A proposal (or a migration request) is not acceptable; the description says why. */
  MALFORMED_CONFIG_PROPOSE(49),
  /** A vote refers to no pending proposal. */
  CONFIG_PROPOSE_NOT_REGISTERED(50),
  /** The validator has voted for this proposal already (the proposer votes by proposing). */
  ATTEMPT_TO_VOTE_TWICE(51),
  /** The proposal's configuration number is not the supervisor's current one. */
  INCORRECT_CONFIGURATION_NUMBER(52),
  /** The supervisor's own configuration is malformed. */
  INVALID_CONFIG(53),
  /** A migration result refers to no registered migration request. */
  MIGRATION_REQUEST_NOT_REGISTERED(64),
  /** A validator's migration script failed. */
  MIGRATION_FAILED(65),
  /** Validators' migration scripts produced different data. */
  STATE_HASH_DIVERGENCE(66),
  /**
   * This validator has already asked for this migration. A Polyhost addition: the reference
   * re-approved a repeated request and left the running migration stranded.
   */
  MIGRATION_REQUEST_ALREADY_REGISTERED(67);

  private final int code;

  SupervisorError(int code) {
    this.code = code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.SERVICE;
  }

  @Override
  public int code() {
    return code;
  }
}
