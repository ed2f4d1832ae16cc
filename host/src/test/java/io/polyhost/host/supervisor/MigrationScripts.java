package io.polyhost.host.supervisor;

import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.service.MigrationProvider;
import io.polyhost.api.storage.Serializers;
import java.util.List;

/**
 * Migration scripts for {@link IncService} data: to 0.2.0 the counter gains 100 and the data is
 * marked "0.2"; to 0.5.0 it is marked "0.5"; the script to 0.3.0 always fails.
 */
final class MigrationScripts {
  private MigrationScripts() {}

  static final MigrationScript TO_0_2 =
      new MigrationScript(
          "add-hundred",
          Version.parse("0.2.0"),
          context -> {
            long count = context.oldData().entry("count", Serializers.int64()).get().orElse(0L);
            context.newData().entry("count", Serializers.int64()).set(count + 100);
            context.newData().entry("version", Serializers.string()).set("0.2");
          });

  static final MigrationScript TO_0_5 =
      new MigrationScript(
          "mark",
          Version.parse("0.5.0"),
          context -> context.newData().entry("version", Serializers.string()).set("0.5"));

  static final MigrationScript BROKEN =
      new MigrationScript(
          "broken",
          Version.parse("0.3.0"),
          context -> {
            throw new IllegalStateException("the broken script fails");
          });

  /** Scripts from 0.1.0 with {@code scripts}. */
  static MigrationProvider provider(MigrationScript... scripts) {
    return new MigrationProvider() {
      @Override
      public Version oldestSupported() {
        return Version.parse("0.1.0");
      }

      @Override
      public List<MigrationScript> scripts() {
        return List.of(scripts);
      }
    };
  }
}
