package io.polyhost.api.migration;

import io.polyhost.api.runtime.Version;
import java.util.Objects;

/**
 * One step of a data migration.
 *
 * @param name a name for logs and thread names, e.g. {@code "migration to 2.0.0"}
 * @param endVersion the data version once the script has run; at most the target artifact's version
 *     and not necessarily the version of any artifact
 * @param logic what the script does
 */
public record MigrationScript(String name, Version endVersion, MigrationLogic logic) {
  /** Checks the parts. */
  public MigrationScript {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endVersion, "endVersion");
    Objects.requireNonNull(logic, "logic");
  }
}
