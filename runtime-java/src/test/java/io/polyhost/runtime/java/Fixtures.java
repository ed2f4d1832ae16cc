package io.polyhost.runtime.java;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.RuntimeId;
import io.polyhost.api.runtime.Version;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifact sources the tests compile: a wallet service in two versions (whose classes have the
 * same names), its factory and migrations, and some malformed factories and services.
 */
final class Fixtures {
  static final String PACKAGE = "fixture.wallet";
  static final String FACTORY = PACKAGE + ".WalletFactory";
  static final String MIGRATIONS = PACKAGE + ".WalletMigrations";

  private static final Map<String, Map<String, byte[]>> COMPILED = new ConcurrentHashMap<>();

  private Fixtures() {}

  static ArtifactId wallet(String version) {
    return new ArtifactId(RuntimeId.JAVA, "fixture.wallet", Version.parse(version));
  }

  /** The compiled classes of the wallet whose {@code Marker.version()} returns {@code tag}. */
  static Map<String, byte[]> walletClasses(String tag) {
    return COMPILED.computeIfAbsent(tag, t -> FixtureCompiler.compile(sources(t)));
  }

  private static Map<String, String> sources(String tag) {
    return Map.of(
        PACKAGE + ".Wallet", WALLET,
        PACKAGE + ".WalletFactory", FACTORY_SOURCE,
        PACKAGE + ".Marker", MARKER.replace("@TAG@", tag),
        PACKAGE + ".WalletMigrations", MIGRATIONS_SOURCE,
        PACKAGE + ".Broken", BROKEN,
        PACKAGE + ".NotAFactory", "package fixture.wallet; public class NotAFactory {}");
  }

  private static final String MARKER =
      """
      package fixture.wallet;
      public final class Marker {
        public static String version() { return "@TAG@"; }
      }
      """;

  private static final String FACTORY_SOURCE =
      """
      package fixture.wallet;
      import io.polyhost.api.runtime.InstanceSpec;
      import io.polyhost.api.service.*;
      public final class WalletFactory implements ServiceFactory {
        public Class<? extends Service> serviceType() { return Wallet.class; }
        public Service create(InstanceSpec instance) { return new Wallet(); }
      }
      """;

  private static final String WALLET =
      """
      package fixture.wallet;
      import io.polyhost.api.error.ExecutionException;
      import io.polyhost.api.proto.HashProto;
      import io.polyhost.api.runtime.*;
      import io.polyhost.api.service.*;
      import io.polyhost.api.storage.*;
      import java.nio.charset.StandardCharsets;

      @RemovedTransactions({5})
      public final class Wallet implements Service, Configurable {
        private static Entry<String> text(ExecutionContext c, String name) {
          return c.serviceData().entry(name, Serializers.string());
        }
        private static Entry<Long> number(ExecutionContext c, String name) {
          return c.serviceData().entry(name, Serializers.int64());
        }
        private static String utf8(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }

        @Override public void initialize(ExecutionContext c, byte[] params) {
          if (utf8(params).equals("bad")) throw ExecutionException.service(1, "bad parameters");
          text(c, "greeting").set(utf8(params));
          number(c, "balance").set(0L);
        }
        @Override public void resume(ExecutionContext c, byte[] params) {
          if (utf8(params).equals("bad")) throw ExecutionException.service(1, "bad parameters");
          text(c, "resumed").set(utf8(params));
        }
        @Override public void beforeTransactions(ExecutionContext c) {
          number(c, "before").set(number(c, "before").get().orElse(0L) + 1);
        }
        @Override public void afterTransactions(ExecutionContext c) {
          number(c, "after").set(number(c, "after").get().orElse(0L) + 1);
        }
        @Override public void afterCommit(AfterCommitContext c) {
          c.broadcaster().ifPresent(b -> b.broadcast(7, 0, "1".getBytes(StandardCharsets.UTF_8)));
        }

        @Transaction(id = 0, name = "deposit")
        public void deposit(ExecutionContext c, byte[] amount) {
          number(c, "balance").set(number(c, "balance").get().orElse(0L) + Long.parseLong(utf8(amount)));
        }
        @Transaction(id = 1, name = "setOwner")
        public void setOwner(ExecutionContext c, HashProto owner) {
          text(c, "owner").set(owner.getData().toStringUtf8());
        }
        @Transaction(id = 2)
        public void refuse(ExecutionContext c, byte[] unused) {
          text(c, "refused").set("written before the failure");
          throw ExecutionException.service(7, "refused on purpose");
        }
        @Transaction(id = 3, name = "boom")
        public void boom(ExecutionContext c, byte[] unused) {
          throw new IllegalStateException("boom");
        }
        @Transaction(id = 4, name = "echo")
        public void echo(ExecutionContext c, byte[] text) {
          text(c, "echo").set(utf8(text));
        }
        @Transaction(id = 6, name = "panic")
        public void panic(ExecutionContext c, byte[] unused) {
          throw new AssertionError("a bug in the service");
        }
        @Transaction(id = 7, name = "whoami")
        public void whoami(ExecutionContext c, byte[] unused) {
          text(c, "marker").set(Marker.version());
        }

        @Override public void verifyConfiguration(ExecutionContext c, byte[] config) {
          if (config.length == 0) throw ExecutionException.service(2, "empty configuration");
        }
        @Override public void applyConfiguration(ExecutionContext c, byte[] config) {
          text(c, "config").set(utf8(config));
        }
      }
      """;

  private static final String MIGRATIONS_SOURCE =
      """
      package fixture.wallet;
      import io.polyhost.api.migration.*;
      import io.polyhost.api.runtime.Version;
      import io.polyhost.api.service.MigrationProvider;
      import io.polyhost.api.storage.Serializers;
      import java.util.List;
      public final class WalletMigrations implements MigrationProvider {
        public Version oldestSupported() { return Version.parse("1.0.0"); }
        public List<MigrationScript> scripts() {
          return List.of(new MigrationScript("to 1.5.0", Version.parse("1.5.0"), c ->
              c.newData().entry("migrated", Serializers.string()).set(Marker.version())));
        }
      }
      """;

  /** A service whose two transactions share an id. */
  private static final String BROKEN =
      """
      package fixture.wallet;
      import io.polyhost.api.runtime.*;
      import io.polyhost.api.service.*;
      public final class Broken implements ServiceFactory, Service {
        public Class<? extends Service> serviceType() { return Broken.class; }
        public Service create(InstanceSpec instance) { return new Broken(); }
        @Transaction(id = 1) public void first(ExecutionContext c, byte[] a) {}
        @Transaction(id = 1) public void second(ExecutionContext c, byte[] a) {}
      }
      """;
}
