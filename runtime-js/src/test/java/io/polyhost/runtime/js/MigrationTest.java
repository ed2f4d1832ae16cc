package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.InitMigrationException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.EndpointRequest;
import io.polyhost.api.runtime.EndpointResponse;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.IndexAddress;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.migration.MigrationHelper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript migration scripts: which script {@code migrate} picks (the Java runtime's rules), and
 * the whole life of a v1 → v2 wallet: deploy v1, start, transactions, stop, migrate the data in
 * chunks over the real migration helper, flush, resume on v2, transactions.
 */
class MigrationTest {
  private static final ArtifactId V1 = JsFixture.id("wallet", "1.0.0");
  private static final ArtifactId V2 = JsFixture.id("wallet", "2.0.0");

  @TempDir Path dir;
  private JsFixture js;

  @BeforeEach
  void open() {
    js = new JsFixture(dir);
  }

  @AfterEach
  void close() {
    js.close();
  }

  private static final String STEPS =
      """
      export const migrations = { from: '1.0.0', scripts: [
        { to: '1.5.0', run(ctx) { ctx.newData.entry('step').set('1.5'); } },
        { to: '2.0.0', name: 'second', run(ctx) { ctx.newData.entry('step').set('2.0'); } },
      ] };
      export const service = {};
      """;

  @Test
  void theFirstScriptEndingAboveTheDataRunsAndNoneIsAFastForward() {
    ArtifactId target = js.deploy("steps", "2.1.0", STEPS);
    MigrationScript first = js.runtime.migrate(target, Version.parse("1.0.0")).orElseThrow();
    assertThat(first.name()).isEqualTo("migration of steps to 1.5.0");
    assertThat(first.endVersion()).isEqualTo(Version.parse("1.5.0"));
    assertThat(js.runtime.migrate(target, Version.parse("1.2.7")).orElseThrow().endVersion())
        .isEqualTo(Version.parse("1.5.0"));
    MigrationScript second = js.runtime.migrate(target, Version.parse("1.5.0")).orElseThrow();
    assertThat(second.name()).isEqualTo("second");
    assertThat(second.endVersion()).isEqualTo(Version.parse("2.0.0"));
    assertThat(js.runtime.migrate(target, Version.parse("2.0.0"))).isEmpty();
    assertThat(js.runtime.migrate(target, Version.parse("2.1.0"))).isEmpty();
  }

  @Test
  void dataOutsideTheRangeOrWithoutScriptsCannotMigrate() {
    ArtifactId target = js.deploy("steps", "2.1.0", STEPS);
    assertThatThrownBy(() -> js.runtime.migrate(target, Version.parse("0.9.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("from version 1.0.0 on");
    assertThatThrownBy(() -> js.runtime.migrate(target, Version.parse("3.0.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("newer than the target");
    ArtifactId plain = js.deploy("plain", "export const service = {};\n");
    assertThatThrownBy(() -> js.runtime.migrate(plain, Version.parse("0.5.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("exports no migrations");
    assertThatThrownBy(
            () -> js.runtime.migrate(JsFixture.id("steps", "9.0.0"), Version.parse("1.0.0")))
        .isInstanceOf(InitMigrationException.class)
        .hasMessageContaining("not deployed");
  }

  @Test
  void scriptsOutOfOrderOrBeyondTheArtifactAreRefusedAtDeploy() {
    assertThatThrownBy(() -> js.deploy("beyond", "1.2.0", STEPS))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.error().is(JsError.ARTIFACT_INVALID)).isTrue())
        .hasMessageContaining("'migration of beyond to 1.5.0'")
        .hasMessageContaining("at most at the artifact's version");
    assertThatThrownBy(() ->
            js.deploy(
                "unordered",
                "2.0.0",
                "export const migrations = { from: '1.0.0', scripts: ["
                    + " { to: '1.5.0', run() {} }, { to: '1.4.0', run() {} } ] };\n"
                    + "export const service = {};\n"))
        .hasMessageContaining("must end above the previous one");
    assertThatThrownBy(() ->
            js.deploy(
                "badversion",
                "2.0.0",
                "export const migrations = { from: 'one', scripts: [] };\n"
                    + "export const service = {};\n"))
        .hasMessageContaining("migrations.from is not a semantic version");
    assertThatThrownBy(() ->
            js.deploy(
                "norun",
                "2.0.0",
                "export const migrations = { from: '1.0.0', scripts: [{ to: '2.0.0' }] };\n"
                    + "export const service = {};\n"))
        .hasMessageContaining("migrations.scripts[0] needs a run(ctx) function");
  }

  @Test
  void aWalletMigratesFromV1ToV2AndResumes() {
    js.deployExample("wallet-1.0.0.mjs", V1);
    InstanceSpec v1 = new InstanceSpec(7, "wallet", V1);
    js.services.put("wallet", v1);
    js.runtime.initiateAddingService(
        js.context(v1, Caller.Blockchain.INSTANCE, null), V1, JsFixture.utf8("{\"fee\": 1}"));
    js.status(v1, InstanceStatus.ACTIVE);
    for (String owner : new String[] {"alice", "bob", "carol", "dave", "erin"}) {
      js.execute(v1, 0, "{\"owner\": \"" + owner + "\", \"amount\": 100}");
    }
    js.execute(v1, 1, "{\"from\": \"alice\", \"to\": \"bob\", \"amount\": 10}");
    js.execute(v1, 1, "{\"from\": \"bob\", \"to\": \"carol\", \"amount\": 5}");
    js.execute(v1, 1, "{\"from\": \"alice\", \"to\": \"erin\", \"amount\": 20}");
    js.commit();
    js.status(v1, InstanceStatus.STOPPED);

    js.deployExample("wallet-2.0.0.mjs", V2);
    MigrationScript script = js.runtime.migrate(V2, V1.version()).orElseThrow();
    assertThat(script.endVersion()).isEqualTo(V2.version());
    HelperContext context;
    try (MigrationHelper helper = MigrationHelper.create(js.db, "wallet")) {
      context = new HelperContext(helper, v1, V1.version());
      script.logic().migrate(context);
      helper.finish();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    // Five wallets in chunks of two, three transfers in chunks of two.
    assertThat(context.merges().get()).isEqualTo(3 + 2);

    js.fork.close();
    js.fork = js.db.fork();
    js.fork.flushMigration("wallet");
    js.commit();
    InstanceSpec v2 = new InstanceSpec(7, "wallet", V2);
    js.services.put("wallet", v2);
    js.runtime.initiateResumingService(
        js.context(v2, Caller.Blockchain.INSTANCE, null), V2, new byte[0]);
    js.status(v2, InstanceStatus.ACTIVE);

    var wallets = js.data(v2).proofMap("wallets", Serializers.string(), Serializers.string());
    assertThat(wallets.get("alice")).contains("{\"balance\":68,\"transfers\":2}");
    assertThat(wallets.get("bob")).contains("{\"balance\":104,\"transfers\":2}");
    assertThat(wallets.get("carol")).contains("{\"balance\":105,\"transfers\":1}");
    assertThat(wallets.get("dave")).contains("{\"balance\":100,\"transfers\":0}");
    assertThat(js.fork.indexType(IndexAddress.of("wallet.balances"))).isEmpty();
    assertThat(js.data(v2).entry("resumedAt", Serializers.string()).get()).contains("5");

    js.execute(v2, 1, "{\"from\": \"dave\", \"to\": \"alice\", \"amount\": 30}");
    assertThat(wallets.get("dave")).contains("{\"balance\":69,\"transfers\":1}");
    assertThat(wallets.get("alice")).contains("{\"balance\":98,\"transfers\":3}");
    assertThat(js.data(v2).list("history", Serializers.string())).hasSize(4);

    // What clients see of v2: its interface and its read endpoints on the committed state.
    js.commit();
    assertThat(js.runtime.artifactInterface(V2).orElseThrow().getConfigurable()).isTrue();
    assertThat(
            js.runtime.handleEndpoint(
                v2,
                new EndpointRequest(
                    EndpointRequest.Scope.PUBLIC, "wallet", Map.of("owner", List.of("dave")))))
        .contains(EndpointResponse.ok("{\"owner\":\"dave\",\"balance\":69,\"transfers\":1}"));
    assertThat(
            js.runtime.handleEndpoint(
                v2, new EndpointRequest(EndpointRequest.Scope.PRIVATE, "stats", Map.of())))
        .contains(EndpointResponse.ok("{\"height\":5,\"transfers\":4}"));
  }
}
