package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.migration.MigrationAbortedException;
import io.polyhost.api.migration.MigrationScript;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.Version;
import io.polyhost.api.storage.Serializers;
import io.polyhost.storage.migration.MigrationHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How JavaScript migration scripts end: their own errors and running out of gas are outcomes; gas
 * is per segment between merges; an abort (an interrupt of the script's thread) stops any script;
 * the watchdog stops the node, not the migration.
 */
class MigrationRunTest {
  private static final long GAS = 50_000;

  /** Scripts by name; each ends at 2.0.0 of its own artifact, migrating data of 1.0.0. */
  private static String artifact(String run) {
    return "export const migrations = { from: '1.0.0', scripts: [{ to: '2.0.0', run(ctx) {\n"
        + run
        + "\n} }] };\nexport const service = {};\n";
  }

  @TempDir Path dir;

  /** Runs the script of a fresh artifact with body {@code run} over a real migration helper. */
  private static HelperContext migrate(JsFixture js, String name, String run) throws Exception {
    ArtifactId id = js.deploy(name, "2.0.0", artifact(run));
    MigrationScript script = js.runtime.migrate(id, Version.parse("1.0.0")).orElseThrow();
    InstanceSpec instance = new InstanceSpec(1, name, JsFixture.id(name, "1.0.0"));
    try (MigrationHelper helper = MigrationHelper.create(js.db, name)) {
      HelperContext context = new HelperContext(helper, instance, Version.parse("1.0.0"));
      script.logic().migrate(context);
      helper.finish();
      return context;
    }
  }

  private JsFixture fixture(String name, JsLimits limits) throws Exception {
    return new JsFixture(Files.createDirectories(dir.resolve(name)), limits);
  }

  @Test
  void aScriptsOwnErrorAndRunningOutOfGasAreItsOutcome() throws Exception {
    try (JsFixture js = fixture("errors", new JsLimits(GAS, Duration.ofSeconds(30)))) {
      assertThatThrownBy(() -> migrate(js, "refusing", "throw new ExecutionError(4, 'bad data');"))
          .isInstanceOfSatisfying(
              ExecutionException.class,
              e -> {
                assertThat(e.error().kind()).isEqualTo(ErrorKind.SERVICE);
                assertThat(e.error().description()).isEqualTo("bad data");
              });
      assertThatThrownBy(() -> migrate(js, "spinning", "for (;;) {}"))
          .isInstanceOfSatisfying(
              ExecutionException.class, e -> assertThat(e.error().is(JsError.OUT_OF_GAS)).isTrue())
          .hasMessageContaining("ran out of gas");
      assertThatThrownBy(() -> migrate(js, "reading", "ctx.storage.entry('x').get();"))
          .hasMessageContaining("undefined");
      assertThatThrownBy(() -> migrate(js, "writing", "ctx.oldData.entry('x').set(1);"))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("read-only");
    }
  }

  @Test
  void gasIsRefilledAtEveryMerge() throws Exception {
    // Each segment spends most of a tank; five of them need far more than one.
    String segments =
        "for (let s = 0; s < 5; s++) { let x = 0; for (let i = 0; i < "
            + GAS / 4
            + "; i++) { x += i; } ctx.newData.entry('s').set(s); ctx.merge(); }";
    try (JsFixture js = fixture("refill", new JsLimits(GAS, Duration.ofSeconds(30)))) {
      HelperContext context = migrate(js, "segmented", segments);
      assertThat(context.merges().get()).isEqualTo(5);
      assertThatThrownBy(() -> migrate(js, "unmerged", segments.replace("ctx.merge();", "")))
          .hasMessageContaining("ran out of gas");
    }
  }

  @Test
  void anAbortStopsAScriptWhateverItDoes() throws Exception {
    try (JsFixture js = fixture("abort", new JsLimits(Long.MAX_VALUE, Duration.ofMinutes(5)))) {
      for (String run :
          new String[] {
            "for (;;) {}",
            "for (;;) { ctx.merge(); }",
            "for (;;) { try { ctx.merge(); } catch (e) {} }",
          }) {
        assertAborts(js, run, 1);
        assertAborts(js, run, 500);
      }
    }
  }

  private static void assertAborts(JsFixture js, String run, long sleepMillis) throws Exception {
    String name = "aborted" + Integer.toHexString(run.hashCode()) + "at" + sleepMillis;
    ArtifactId id = js.deploy(name, "2.0.0", artifact(run));
    MigrationScript script = js.runtime.migrate(id, Version.parse("1.0.0")).orElseThrow();
    InstanceSpec instance = new InstanceSpec(1, name, JsFixture.id(name, "1.0.0"));
    MigrationHelper helper = MigrationHelper.create(js.db, name);
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .start(() -> {
              try (helper) {
                script.logic().migrate(new HelperContext(helper, instance, Version.parse("1.0.0")));
                ended.complete(new AssertionError("the script ended on its own"));
              } catch (Throwable e) {
                ended.complete(e);
              }
            });
    Thread.sleep(sleepMillis); // into building the context, or well into running the script
    // What the dispatcher's migration runner does.
    helper.abortHandle().abort();
    t.interrupt();
    Throwable outcome = ended.get(30, TimeUnit.SECONDS);
    assertThat(outcome).as(run).isInstanceOf(MigrationAbortedException.class);
    t.join();
  }

  @Test
  void theWatchdogStopsTheNodeNotTheMigration() throws Exception {
    try (JsFixture js = fixture("watchdog", new JsLimits(Long.MAX_VALUE, Duration.ofMillis(500)))) {
      assertThatThrownBy(() -> migrate(js, "slow", "for (;;) {}"))
          .isInstanceOf(MigrationNodeFault.class)
          .isInstanceOf(Error.class)
          .hasMessageContaining("cancelled by the watchdog");
      // Merging rewinds it: a script that merges often may run longer than the limit in total
      // (printed, as a machine may be fast enough to stay under it; no timing is asserted).
      long start = System.nanoTime();
      HelperContext context =
          migrate(
              js,
              "patient",
              "for (let s = 0; s < 40; s++) { for (let i = 0; i < 5000; i++) {} ctx.merge(); }");
      System.out.printf(
          "40 merged segments took %d ms under a 500 ms watchdog%n",
          (System.nanoTime() - start) / 1_000_000);
      assertThat(context.merges().get()).isEqualTo(40);
    }
  }

  @Test
  void scriptsSeeAFixedClockAndSeededRandomness() throws Exception {
    String run =
        "ctx.newData.entry('seen').set([Date.now(), Math.random(), ctx.dataVersion,"
            + " ctx.targetVersion, ctx.instance.name]);";
    String[] seen = new String[2];
    for (int i = 0; i < 2; i++) {
      try (JsFixture js = fixture("det" + i, JsLimits.DEFAULT)) {
        migrate(js, "det", run);
        try (var fork = js.db.fork()) {
          seen[i] =
              io.polyhost.storage.index.IndexViews.over(
                      io.polyhost.storage.Migration.of(fork, "det"))
                  .entry("seen", Serializers.string())
                  .get()
                  .orElseThrow();
        }
      }
    }
    assertThat(seen[1]).isEqualTo(seen[0]);
    assertThat(seen[0]).startsWith("[0,0.").endsWith(",\"1.0.0\",\"2.0.0\",\"det\"]");
  }
}
