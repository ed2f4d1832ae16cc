package io.polyhost.host.dispatcher;

import io.polyhost.api.runtime.AfterCommitContext;
import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.host.testing.TestChain;
import io.polyhost.host.testing.TestRuntime;
import io.polyhost.host.testing.TestService;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A builtin service that asks the dispatcher, through the mailbox of its runtime's after-commit
 * call, to deploy an artifact on this node: the first, local step of a deployment.
 */
final class MailboxDeployer implements TestService {
  static final ArtifactId ARTIFACT = ArtifactId.parse("1:mailbox-deployer:1.0.0");

  private final AtomicReference<@Nullable ArtifactId> next = new AtomicReference<>();
  private final AtomicReference<@Nullable CompletableFuture<Void>> result = new AtomicReference<>();

  /**
   * A chain with this deployer as builtin instance 9; {@code configure} adjusts runtime 1 on the
   * first start, and on restarts too while {@code configureOnRestart} is set.
   */
  static TestChain start(
      Path dir,
      MailboxDeployer deployer,
      Consumer<TestRuntime> configure,
      AtomicBoolean configureOnRestart) {
    AtomicBoolean first = new AtomicBoolean(true);
    return LifecycleFixtures.builder(dir)
        .artifact(ARTIFACT)
        .instance(new InstanceSpec(9, "deployer", ARTIFACT), LifecycleFixtures.NONE)
        .start(() -> {
          var all = LifecycleFixtures.bothRuntimes();
          TestRuntime java = LifecycleFixtures.runtime(all, 1).offer(ARTIFACT, () -> deployer);
          if (first.getAndSet(false) || configureOnRestart.get()) {
            configure.accept(java);
          }
          return all;
        });
  }

  /** Makes the next after-commit call request {@code artifact}. */
  void requestAfterNextCommit(ArtifactId artifact) {
    next.set(artifact);
  }

  /** The outcome of the last request. */
  CompletableFuture<Void> result() {
    CompletableFuture<Void> r = result.get();
    if (r == null) {
      throw new AssertionError("No deployment was requested");
    }
    return r;
  }

  @Override
  public void afterCommit(AfterCommitContext context) {
    ArtifactId artifact = next.getAndSet(null);
    if (artifact != null) {
      result.set(
          context.mailbox().requestDeploy(artifact, LifecycleFixtures.NONE).toCompletableFuture());
    }
  }
}
