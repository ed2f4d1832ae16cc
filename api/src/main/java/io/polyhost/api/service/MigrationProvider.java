package io.polyhost.api.service;

import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.Version;
import java.util.List;

/**
 * The data migrations an artifact ships, named by its manifest (optional): how to bring data of an
 * older version to this artifact's layout, one script at a time.
 *
 * <p>An implementation is a public class with a public no-argument constructor; the runtime reads
 * it once, when the artifact is deployed. To upgrade data of version {@code d}, the runtime picks
 * the first script whose end version is higher than {@code d}; if there is none, the upgrade is a
 * fast-forward (the data stays as it is). An artifact without a provider cannot take over data of
 * another version at all.
 */
public interface MigrationProvider {
  /** The oldest data version the scripts can start from. */
  Version oldestSupported();

  /**
   * The scripts, in strictly increasing order of end version, each above {@link #oldestSupported()}
   * and at most the artifact's version; possibly empty.
   */
  List<MigrationScript> scripts();
}
