package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.JavaRuntimeError.INVALID_SERVICE;

import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.MigrationProvider;
import java.util.List;
import java.util.Optional;

/**
 * An artifact's migration scripts, read once from its {@link MigrationProvider} and checked, so
 * that {@link #select} answers the same on every call.
 */
final class MigrationPlan {
  private final ArtifactId artifact;
  private final Version oldest;
  private final List<MigrationScript> scripts;
  private final ClassLoader loader;
  private final GasLimits limits;

  private MigrationPlan(
      ArtifactId artifact,
      Version oldest,
      List<MigrationScript> scripts,
      ClassLoader loader,
      GasLimits limits) {
    this.artifact = artifact;
    this.oldest = oldest;
    this.scripts = List.copyOf(scripts);
    this.loader = loader;
    this.limits = limits;
  }

  /**
   * Reads and checks {@code provider}'s scripts; runs provider code, so call it under the
   * artifact's context loader.
   *
   * @throws io.polyhost.api.error.ExecutionException with {@link JavaRuntimeError#INVALID_SERVICE}
   *     if the scripts are not in strictly increasing order between the oldest supported version
   *     and the artifact's version
   */
  static MigrationPlan of(
      ArtifactId artifact, MigrationProvider provider, ClassLoader loader, GasLimits limits) {
    Version oldest = provider.oldestSupported();
    List<MigrationScript> scripts = List.copyOf(provider.scripts());
    Version previous = oldest;
    for (MigrationScript script : scripts) {
      Version end = script.endVersion();
      if (end.comparePrecedence(previous) <= 0 || end.comparePrecedence(artifact.version()) > 0) {
        throw INVALID_SERVICE.exception(
            "Migration script '"
                + script.name()
                + "' of "
                + artifact
                + " ends at "
                + end
                + "; each script must end above the previous one (or the oldest supported version "
                + oldest
                + ") and at most at the artifact's version");
      }
      previous = end;
    }
    return new MigrationPlan(artifact, oldest, scripts, loader, limits);
  }

  /**
   * The script that takes data of {@code dataVersion} one step towards this artifact, or empty for
   * a fast-forward. The script runs with the artifact's context loader, metered with its own budget
   * ({@link GasLimits#gasPerMigration()}): running out fails it with {@link
   * JavaRuntimeError#OUT_OF_GAS}, which the migration reports like any other failure.
   *
   * @throws InitMigrationException if the data is older than the oldest supported version or newer
   *     than the artifact
   */
  Optional<MigrationScript> select(Version dataVersion) {
    if (dataVersion.comparePrecedence(artifact.version()) > 0) {
      throw new InitMigrationException(
          "Data version " + dataVersion + " is newer than the target artifact " + artifact);
    }
    if (dataVersion.comparePrecedence(oldest) < 0) {
      throw new InitMigrationException(
          artifact + " migrates data from version " + oldest + " on; the data is " + dataVersion);
    }
    return scripts.stream()
        .filter(s -> s.endVersion().comparePrecedence(dataVersion) > 0)
        .findFirst()
        .map(this::withContextLoader);
  }

  private MigrationScript withContextLoader(MigrationScript script) {
    ClassLoader artifactLoader = loader;
    GasLimits budget = limits;
    return new MigrationScript(
        script.name(),
        script.endVersion(),
        context -> {
          try (LoaderSwap swap = LoaderSwap.to(artifactLoader);
              MeterScope scope = MeterScope.forMigration(budget)) {
            try {
              script.logic().migrate(context);
            } catch (VirtualMachineError e) {
              throw e;
            } catch (Exception | Error e) {
              scope.verdict(); // a stopped meter decides; otherwise the script's own failure
              throw e;
            }
            scope.verdict();
          }
        });
  }
}
