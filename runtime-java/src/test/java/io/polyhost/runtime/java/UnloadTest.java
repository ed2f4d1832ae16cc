package io.polyhost.runtime.java;

import static io.polyhost.runtime.java.Fixtures.FACTORY;
import static io.polyhost.runtime.java.Fixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.BlockchainData;
import io.polyhost.api.runtime.Caller;
import io.polyhost.api.runtime.ChildCall;
import io.polyhost.api.runtime.ExecutionContext;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.runtime.InstanceStatus;
import io.polyhost.api.runtime.SupervisorExtensions;
import io.polyhost.api.storage.IndexAccess;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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

  /** Records, weakly, the context loader the runtime set when the service reached its data. */
  private static final class Spy {
    WeakReference<ClassLoader> loader = new WeakReference<>(null);
    WeakReference<Class<?>> serviceClass = new WeakReference<>(null);
  }

  /** The fake context, noting the context loader whenever the service opens its data. */
  private record Spying(FakeContext context, Spy spy) implements ExecutionContext {
    @Override
    public IndexAccess serviceData() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      spy.loader = new WeakReference<>(loader);
      try {
        spy.serviceClass =
            new WeakReference<>(Class.forName("fixture.wallet.Wallet", false, loader));
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      return context.serviceData();
    }

    @Override
    public InstanceSpec instance() {
      return context.instance();
    }

    @Override
    public Caller caller() {
      return context.caller();
    }

    @Override
    public Optional<Hash> transactionHash() {
      return context.transactionHash();
    }

    @Override
    public long height() {
      return context.height();
    }

    @Override
    public Instant blockTime() {
      return context.blockTime();
    }

    @Override
    public boolean inGenesisBlock() {
      return context.inGenesisBlock();
    }

    @Override
    public String interfaceName() {
      return context.interfaceName();
    }

    @Override
    public BlockchainData data() {
      return context.data();
    }

    @Override
    public void call(ChildCall call) {
      context.call(call);
    }

    @Override
    public Optional<SupervisorExtensions> supervisorExtensions() {
      return context.supervisorExtensions();
    }
  }

  @Test
  void theLoaderAndItsClassesAreCollectedOnlyAfterUnloading() throws Exception {
    Spy spy = new Spy();
    node.deploy(WALLET, FixtureJar.of(WALLET, FACTORY, Fixtures.walletClasses("one")));
    InstanceSpec spec = node.start(1, "wallet", WALLET, "hi");
    for (int i = 0; i < 20; i++) {
      node.runtime.execute(new Spying(FakeContext.of(node.fork, spec), spy), 0, "5".getBytes());
    }
    node.runtime.execute(FakeContext.of(node.fork, spec), 7, new byte[0]);
    node.runtime.afterCommit(new FakeCommitContext());
    assertThat(node.number(spec, "balance")).contains(100L);
    collectGarbage(spy);
    assertThat(spy.loader.get())
        .as("the loader of a deployed artifact")
        .isInstanceOf(ArtifactClassLoader.class);
    assertThat(spy.serviceClass.get()).as("the service class of a deployed artifact").isNotNull();

    node.setStatus(spec, InstanceStatus.STOPPED);
    node.runtime.unloadArtifact(WALLET);
    assertThat(node.runtime.isArtifactDeployed(WALLET)).isFalse();
    collectGarbage(spy);
    assertThat(spy.serviceClass.get()).as("the service class after unloading").isNull();
    assertThat(spy.loader.get()).as("the artifact's loader after unloading").isNull();
  }

  private static void collectGarbage(Spy spy) throws InterruptedException {
    for (int i = 0; i < 20 && (spy.loader.get() != null || spy.serviceClass.get() != null); i++) {
      System.gc();
      Thread.sleep(50);
    }
  }
}
