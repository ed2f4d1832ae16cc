package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unloading is real: once an artifact is unloaded, nothing holds its class loader or classes, and
 * the garbage collector takes them.
 */
class UnloadTest {
  private static final ArtifactId WALLET = wallet("1.0.0");

  @TempDir Path dir;
  TestNode node;

  @BeforeEach
  void open() throws Exception {
    node = new TestNode(dir);
  }

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void theLoaderAndItsClassesAreCollectedOnlyAfterUnloading() throws Exception {
    LoaderSpy spy = new LoaderSpy();
    node.deploy(WALLET, FixtureJar.of(WALLET, FACTORY, Fixtures.walletClasses("one")));
    InstanceSpec spec = node.start(1, "wallet", WALLET, "hi");
    for (int i = 0; i < 20; i++) {
      node.runtime.execute(FakeContext.of(node.fork, spec).spiedBy(spy), 0, "5".getBytes());
    }
    node.runtime.execute(FakeContext.of(node.fork, spec), 7, new byte[0]);
    node.runtime.afterCommit(new FakeCommitContext());
    assertThat(node.number(spec, "balance")).contains(100L);
    WeakReference<Class<?>> serviceClass = spy.classNamed("fixture.wallet.Wallet");
    collectGarbage(spy, serviceClass);
    assertThat(spy.last())
        .as("the loader of a deployed artifact")
        .containsInstanceOf(ArtifactClassLoader.class);
    assertThat(serviceClass.get()).as("the service class of a deployed artifact").isNotNull();

    node.setStatus(spec, InstanceStatus.STOPPED);
    node.runtime.unloadArtifact(WALLET);
    assertThat(node.runtime.isArtifactDeployed(WALLET)).isFalse();
    collectGarbage(spy, serviceClass);
    assertThat(serviceClass.get()).as("the service class after unloading").isNull();
    assertThat(spy.last()).as("the artifact's loader after unloading").isEmpty();
  }

  private static void collectGarbage(LoaderSpy spy, WeakReference<Class<?>> serviceClass)
      throws InterruptedException {
    for (int i = 0; i < 20 && (spy.last().isPresent() || serviceClass.get() != null); i++) {
      System.gc();
      Thread.sleep(50);
    }
  }
}
