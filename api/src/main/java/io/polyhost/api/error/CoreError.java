package io.polyhost.api.error;

/** Errors raised by the dispatcher, with the reference implementation's codes. */
public enum CoreError implements ErrorCode {
  /** The runtime id is not known to the node. */
  INCORRECT_RUNTIME(0),
  /** A migration target is not in the artifact registry. */
  UNKNOWN_ARTIFACT_ID(1),
  /** The artifact is already registered. */
  ARTIFACT_ALREADY_DEPLOYED(2),
  /** The artifact is missing or not active. */
  ARTIFACT_NOT_DEPLOYED(3),
  /** The instance name is taken (names are never reused, not even after a stop). */
  SERVICE_NAME_EXISTS(4),
  /** The instance id is taken. */
  SERVICE_ID_EXISTS(5),
  /** The service exists but does not accept transactions now. */
  SERVICE_NOT_ACTIVE(6),
  /** No such (active) instance. */
  INCORRECT_INSTANCE_ID(7),
  /** Child calls nested deeper than the limit. */
  STACK_OVERFLOW(8),
  /** The instance already changed status in this block. */
  SERVICE_PENDING(9),
  /** The status change is not allowed from the current status. */
  INVALID_SERVICE_TRANSITION(10),
  /** The migration target is not an upgrade of the current artifact. */
  CANNOT_UPGRADE_SERVICE(11),
  /** No suitable migration to start, commit, roll back or flush. */
  NO_MIGRATION(12),
  /** The service's data version does not match its artifact. */
  CANNOT_RESUME_SERVICE(13),
  /** A call returned success although one of its child calls failed. */
  INCORRECT_CALL(14),
  /** The artifact is still used by a service or a migration. */
  CANNOT_UNLOAD_ARTIFACT(15);

  private final int code;

  CoreError(int code) {
    this.code = code;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.CORE;
  }

  @Override
  public int code() {
    return code;
  }
}
