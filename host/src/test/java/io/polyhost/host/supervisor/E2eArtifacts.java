package io.polyhost.host.supervisor;

import io.polyhost.api.runtime.ArtifactId;
import java.util.Map;

/** The artifacts of the end-to-end test: a counter in Java and in JavaScript, v1 and v2. */
final class E2eArtifacts {
  static final ArtifactId JAVA_V1 = ArtifactId.parse("1:e2e-counter:1.0.0");
  static final ArtifactId JAVA_V2 = ArtifactId.parse("1:e2e-counter:2.0.0");
  static final ArtifactId JS_V1 = ArtifactId.parse("2:e2e-js:1.0.0");
  static final ArtifactId JS_V2 = ArtifactId.parse("2:e2e-js:2.0.0");

  private E2eArtifacts() {}

  private static final String FACTORY =
      """
      package e2e;
      import io.polyhost.api.runtime.InstanceSpec;
      import io.polyhost.api.service.Service;
      import io.polyhost.api.service.ServiceFactory;
      public final class Factory implements ServiceFactory {
        public Class<? extends Service> serviceType() { return Counter.class; }
        public Service create(InstanceSpec instance) { return new Counter(); }
      }
      """;

  private static String counter(int step) {
    return """
    package e2e;
    import io.polyhost.api.runtime.ExecutionContext;
    import io.polyhost.api.service.Service;
    import io.polyhost.api.service.Transaction;
    import io.polyhost.api.storage.Serializers;
    public final class Counter implements Service {
      @Transaction(id = 0, name = "inc")
      public void inc(ExecutionContext context, byte[] arguments) {
        var count = context.serviceData().entry("count", Serializers.int64());
        count.set(count.get().orElse(0L) + STEP);
      }
    }
    """
        .replace("STEP", step + "L");
  }

  private static final String MIGRATIONS =
      """
      package e2e;
      import io.polyhost.api.migration.MigrationScript;
      import io.polyhost.api.runtime.Version;
      import io.polyhost.api.service.MigrationProvider;
      import io.polyhost.api.storage.Serializers;
      import java.util.List;
      public final class Migrations implements MigrationProvider {
        public Version oldestSupported() { return Version.parse("1.0.0"); }
        public List<MigrationScript> scripts() {
          return List.of(new MigrationScript("times-ten", Version.parse("2.0.0"), context -> {
            long count = context.oldData().entry("count", Serializers.int64()).get().orElse(0L);
            context.newData().entry("count", Serializers.int64()).set(count * 10);
          }));
        }
      }
      """;

  /** The Java counter: v1 adds 1 per {@code inc}; v2 adds 10 and migrates v1 data (×10). */
  static byte[] javaJar(ArtifactId version) {
    boolean v2 = version.equals(JAVA_V2);
    Map<String, String> sources =
        v2
            ? Map.of(
                "e2e.Factory", FACTORY, "e2e.Counter", counter(10), "e2e.Migrations", MIGRATIONS)
            : Map.of("e2e.Factory", FACTORY, "e2e.Counter", counter(1));
    return ServiceJars.build(version, "e2e.Factory", v2 ? "e2e.Migrations" : null, sources);
  }

  /**
   * The JavaScript counter: {@code inc} (id 0) adds 1 in v1 and 10 in v2, which migrates v1 data
   * (×10), like the Java one.
   */
  static String jsModule(ArtifactId version) {
    int step = version.equals(JS_V2) ? 10 : 1;
    return "export const artifact = { name: \"e2e-js\", version: \""
        + version.version()
        + "\" };\n"
        + "export const service = { transactions: { inc: { id: 0, run(ctx, args) {\n"
        + "  const count = ctx.storage.entry(\"count\");\n"
        + "  count.set((count.get() ?? 0) + "
        + step
        + ");\n"
        + "} } } };\n"
        + (step == 10
            ? "export const migrations = { from: \"1.0.0\", scripts: [{ to: \"2.0.0\", run(ctx) {\n"
                + "  ctx.newData.entry(\"count\").set((ctx.oldData.entry(\"count\").get() ?? 0) * 10);\n"
                + "} }] };\n"
            : "");
  }
}
