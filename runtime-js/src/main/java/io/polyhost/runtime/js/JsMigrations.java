package io.polyhost.runtime.js;

import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Version;
import java.util.List;
import java.util.Optional;

/**
 * The data migrations a JavaScript artifact exports ({@code export const migrations = {from,
 * scripts}}), read and checked at deploy time so that {@link #select} answers the same on every
 * call and every node. The rules are the Java runtime's: the scripts end at strictly increasing
 * versions above {@code from} and at most at the artifact's own version; data of version {@code d}
 * runs the first script ending above {@code d}, or none (a fast-forward).
 *
 * @param artifact the artifact that ships the scripts
 * @param from the oldest data version the scripts start from
 * @param scripts the scripts in the order they run
 */
record JsMigrations(ArtifactId artifact, Version from, List<Script> scripts) {
  /**
   * One script: element {@code index} of {@code migrations.scripts}.
   *
   * @param index its position, by which the guest finds its {@code run} function
   * @param name its name for logs (the declared one, or "migration of ... to ...")
   * @param to the data version once it has run
   */
  record Script(int index, String name, Version to) {}

  /**
   * Checks the order of the scripts.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JsError#ARTIFACT_INVALID} naming
   *     the first script out of order
   */
  JsMigrations {
    scripts = List.copyOf(scripts);
    Version previous = from;
    for (Script script : scripts) {
      Version end = script.to();
      if (end.comparePrecedence(previous) <= 0 || end.comparePrecedence(artifact.version()) > 0) {
        throw JsError.ARTIFACT_INVALID.exception(
            "Migration script '"
                + script.name()
                + "' of "
                + artifact
                + " ends at "
                + end
                + "; each script must end above the previous one (or above migrations.from, "
                + from
                + ") and at most at the artifact's version");
      }
      previous = end;
    }
  }

  /**
   * The script that takes data of {@code dataVersion} one step towards the artifact, or empty for a
   * fast-forward.
   *
   * @throws InitMigrationException if the data is older than {@code from} or newer than the
   *     artifact
   */
  Optional<Script> select(Version dataVersion) {
    if (dataVersion.comparePrecedence(artifact.version()) > 0) {
      throw new InitMigrationException(
          "Data version " + dataVersion + " is newer than the target artifact " + artifact);
    }
    if (dataVersion.comparePrecedence(from) < 0) {
      throw new InitMigrationException(
          artifact + " migrates data from version " + from + " on; the data is " + dataVersion);
    }
    return scripts.stream().filter(s -> s.to().comparePrecedence(dataVersion) > 0).findFirst();
  }
}
