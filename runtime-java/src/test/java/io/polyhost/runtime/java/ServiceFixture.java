package io.polyhost.runtime.java;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles a one-class service from the source of its body, for tests of what artifact code may and
 * may not do: {@code fixture.svc.Svc} with its factory, common imports and a helper {@code
 * text(context, name)} for a string entry of its data.
 */
final class ServiceFixture {
  static final String FACTORY = "fixture.svc.SvcFactory";

  private static final String SERVICE =
      """
      package @PACKAGE@;
      import io.polyhost.api.error.*;
      import io.polyhost.api.runtime.*;
      import io.polyhost.api.service.*;
      import io.polyhost.api.storage.*;
      import java.nio.charset.StandardCharsets;
      import java.util.*;
      import java.util.function.*;
      import java.util.stream.*;
      public final class Svc implements Service {
        static Entry<String> text(ExecutionContext c, String name) {
          return c.serviceData().entry(name, Serializers.string());
        }
        static String utf8(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
      @BODY@
      }
      """;

  private static final String SERVICE_FACTORY =
      """
      package @PACKAGE@;
      import io.polyhost.api.runtime.InstanceSpec;
      import io.polyhost.api.service.*;
      public final class SvcFactory implements ServiceFactory {
        public Class<? extends Service> serviceType() { return Svc.class; }
        public Service create(InstanceSpec instance) { return new Svc(); }
      }
      """;

  private ServiceFixture() {}

  static ArtifactId artifact(String name) {
    return new ArtifactId(RuntimeId.JAVA, name, Version.parse("1.0.0"));
  }

  /**
   * The classes of a service whose class body is {@code body}, plus {@code others} (name → source).
   */
  static Map<String, byte[]> compile(String body, Map<String, String> others) {
    Map<String, String> sources = new HashMap<>(others);
    addSources(sources, "fixture.svc", body);
    return FixtureCompiler.compile(sources);
  }

  /** Adds the sources of service {@code pkg.Svc} with {@code body} and its factory. */
  static void addSources(Map<String, String> sources, String pkg, String body) {
    sources.put(pkg + ".Svc", SERVICE.replace("@PACKAGE@", pkg).replace("@BODY@", body));
    sources.put(pkg + ".SvcFactory", SERVICE_FACTORY.replace("@PACKAGE@", pkg));
  }

  static Map<String, byte[]> compile(String body) {
    return compile(body, Map.of());
  }

  /** A JAR of {@code classes} declaring {@code artifact}. */
  static FixtureJar jar(ArtifactId artifact, Map<String, byte[]> classes) {
    return FixtureJar.of(artifact, FACTORY, classes);
  }
}
