package io.polyhost.api.migration;

/**
 * Thrown by a runtime that cannot migrate a service's data to the requested artifact, for example
 * because the data version is older than the oldest the artifact's scripts start from. The
 * dispatcher reports it as {@code CoreError.NO_MIGRATION} with this message.
 */
public final class InitMigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal explained by {@code message}. */
  public InitMigrationException(String message) {
    super(message);
  }
}
