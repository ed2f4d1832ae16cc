package io.polyhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.polyhost.host.cli.LaunchedNode;
import io.polyhost.host.config.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in headless Chromium against a real node: a person's session, from loading the
 * page to deploying, starting, freezing, migrating and resuming a JavaScript service through its
 * forms and buttons, with the node's refusals shown in the page. The last screen is kept in {@code
 * target/dashboard-it/dashboard.png}.
 *
 * <p>Skipped when Chromium or chromedriver is missing, unless {@value #REQUIRE} is {@code 1} (as in
 * CI), where that is a failure.
 */
class DashboardIT {
  static final String REQUIRE = "REQUIRE_BROWSER_TESTS";
  private static final String V1 = "2:dash-js:1.0.0";
  private static final String V2 = "2:dash-js:2.0.0";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path OUTPUT = Path.of("target", "dashboard-it");

  @TempDir Path dir;
  LaunchedNode node;
  Browser browser;

  @BeforeEach
  void start() throws Exception {
    Optional<Browser.Install> install = Browser.installed();
    if (install.isEmpty()) {
      String missing =
          "chromium and chromedriver are not both on the PATH"
              + " (apt-get install -y chromium chromium-driver)";
      if ("1".equals(System.getenv(REQUIRE))) {
        fail(missing + "; " + REQUIRE + "=1 requires the browser test to run");
      }
      Assumptions.abort(missing + "; skipping the dashboard test");
    }
    drop("dash-1.mjs", module("1.0.0", 1, false));
    drop("dash-2.mjs", module("2.0.0", 10, true));
    node =
        LaunchedNode.start(
            NodeConfig.defaults()
                .withDataDir(dir.resolve("data"))
                .withArtifactsDir(dir.resolve("artifacts"))
                .withPublicPort(0)
                .withPrivatePort(0));
    Files.createDirectories(OUTPUT);
    browser =
        Browser.start(
            install.orElseThrow(), dir.resolve("profile"), OUTPUT.resolve("chromedriver.log"));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void aServiceIsDeployedStartedFrozenAndMigratedThroughThePage() throws Exception {
    browser.open("http://127.0.0.1:" + node.privatePort() + "/");
    assertThat(browser.url()).endsWith("/dashboard/");
    await("the supervisor listed as active", () -> status("supervisor").equals("active"));
    await("both files of the artifacts folder listed", () -> hasOption("#deploy-artifact", V2));
    assertThat(browser.text("#blocks-body")).as("the genesis block").contains("0");

    // A name the node refuses: its problem document appears in plain words.
    browser.choose("#deploy-artifact", V1);
    browser.type("#deploy-name", "not a name!");
    browser.click("#deploy-start-button");
    await("the refusal shown", () -> browser.text("#messages").contains("Invalid service name"));

    browser.type("#deploy-name", "counter");
    browser.click("#deploy-start-button");
    await("counter active", () -> status("counter").equals("active"));
    await("the deploy-and-start reported", () -> operation(0).contains("started"));
    assertThat(browser.text("tr[data-artifact='" + V1 + "']")).contains("active");

    // A second service with a taken name: the supervisor's refusal ends the operation.
    browser.choose("#start-artifact", V1);
    browser.type("#start-name", "counter");
    browser.click("#start-button");
    await("the refused start reported", () -> operation(0).startsWith("failed"));

    browser.click("tr[data-service='counter'] button[data-action='freeze']");
    await("counter frozen", () -> status("counter").equals("frozen"));

    browser.click("tr[data-artifact='" + V2 + "'] button[data-action='deploy']");
    await("v2 deployed", () -> operation(0).contains("succeed"));
    await("v2 offered as a target", () -> hasOption("#migrate-artifact", V2));

    browser.click("tr[data-service='counter'] button[data-action='migrate']");
    browser.choose("#migrate-artifact", V2);
    browser.click("#migrate-button");
    await("the data migrated", () -> operation(0).contains("data version 2.0.0"));
    await("the data version shown", () -> row("counter").contains("2.0.0"));
    browser.click("#migrate-button");
    await("the fast-forward done", () -> row("counter").contains(V2));

    browser.click("tr[data-service='counter'] button[data-action='resume']");
    await("counter active on v2", () -> status("counter").equals("active"));
    await("v1 unused, so unloadable", () -> browser.find(unloadButton(V1)).isPresent());
    browser.click(unloadButton(V1));
    await(
        "v1 unloaded", () -> browser.find("tr[data-artifact='" + V1 + "'] .badge.new").isPresent());

    browser.script("window.scrollTo(0, 0)");
    Files.write(OUTPUT.resolve("dashboard.png"), browser.screenshot());
    assertThat(browser.text("#messages")).doesNotContain("Cannot");
  }

  private static String unloadButton(String artifact) {
    return "tr[data-artifact='" + artifact + "'] button[data-action='unload']";
  }

  private String status(String service) throws Exception {
    return browser.text("tr[data-service='" + service + "'] td.status .badge");
  }

  private String row(String service) throws Exception {
    return browser.text("tr[data-service='" + service + "']");
  }

  /** The text of the n-th newest entry of the progress list. */
  private String operation(int n) throws Exception {
    return browser.text("#operations li:nth-child(" + (n + 1) + ")").replace('\n', ' ');
  }

  private boolean hasOption(String select, String value) throws Exception {
    return browser.find(select + " option[value='" + value + "']").isPresent();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Waits for {@code check}; on timeout keeps a screenshot and says what the page showed. */
  private void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        Files.write(OUTPUT.resolve("failure.png"), browser.screenshot());
        fail(
            "Waited %s for %s; messages: [%s]; progress: [%s]; services: [%s]",
            WAIT,
            what,
            browser.text("#messages"),
            browser.text("#operations"),
            browser.text("#services-body"));
      }
      Thread.sleep(200);
    }
  }

  /**
   * A counter service; {@code step} per call, and a v1 → v2 migration script if {@code migrates}.
   */
  private static String module(String version, int step, boolean migrates) {
    String migrations =
        """
        export const migrations = { from: "1.0.0", scripts: [{ to: "2.0.0", run(ctx) {
          ctx.newData.entry("count").set((ctx.oldData.entry("count").get() ?? 0) * 10);
        } }] };
        """;
    return """
    export const artifact = { name: "dash-js", version: "VERSION" };
    export const service = { transactions: { inc: { id: 0, run(ctx, args) {
      const count = ctx.storage.entry("count");
      count.set((count.get() ?? 0) + STEP);
    } } } };
    """
            .replace("VERSION", version)
            .replace("STEP", String.valueOf(step))
        + (migrates ? migrations : "");
  }

  private void drop(String file, String content) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("artifacts"));
    Path temp = folder.resolve("." + file + ".tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    Files.move(temp, folder.resolve(file), StandardCopyOption.ATOMIC_MOVE);
  }
}
