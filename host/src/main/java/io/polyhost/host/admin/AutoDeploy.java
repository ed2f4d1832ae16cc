package io.polyhost.host.admin;

import io.polyhost.api.runtime.ArtifactId;
import io.polyhost.host.artifacts.AvailableArtifact;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auto-deploy}: deploys every artifact dropped into the folder that the chain does not
 * know yet, and with {@code --auto-start} starts a service named after it. Simple mode only; one
 * artifact at a time, off the folder watcher's thread.
 */
public final class AutoDeploy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AutoDeploy.class);
  private static final Duration WAIT = Duration.ofMinutes(2);

  private final Administration admin;
  private final boolean start;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("auto-deploy").daemon().factory());

  private AutoDeploy(Administration admin, boolean start) {
    this.admin = admin;
    this.start = start;
  }

  /**
   * Deploys (and if {@code start}, starts) what appears in {@code admin}'s folder from now on, and
   * what is there already.
   */
  public static AutoDeploy enable(Administration admin, boolean start) {
    AutoDeploy auto = new AutoDeploy(admin, start);
    admin.folder().onNewArtifact(auto::offer);
    admin.folder().list().forEach(auto::offer);
    return auto;
  }

  private void offer(AvailableArtifact file) {
    file.artifact().ifPresent(artifact -> worker.execute(() -> handle(artifact)));
  }

  private void handle(ArtifactId artifact) {
    try {
      if (!admin.isSimpleMode()) {
        LOG.warn("Auto-deploy skips {}: the supervisor is not in simple mode", artifact);
        return;
      }
      String name = serviceName(artifact);
      if (admin.isRegistered(artifact)) {
        return;
      }
      if (start && !admin.hasService(name)) {
        var done = admin.deployAndStart(artifact, name, new byte[0], WAIT);
        LOG.info(
            "Auto-deploy: deployed {} and started '{}' (id {})",
            artifact,
            name,
            done.instance().id());
      } else {
        admin.deploy(artifact, WAIT);
        LOG.info("Auto-deploy: deployed {}", artifact);
      }
    } catch (AdminException e) {
      LOG.warn("Auto-deploy of {} failed: {}", artifact, e.getMessage());
    }
  }

  /** The artifact's name made a valid service name: other characters become '-'. */
  static String serviceName(ArtifactId artifact) {
    String name = artifact.name().replaceAll("[^a-zA-Z0-9_\\-]", "-");
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
