package io.polyhost.host.artifacts;

import io.polyhost.api.runtime.ArtifactId;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's artifacts folder, kept up to date: scanned at start, on every change the file system
 * reports, and periodically (some file systems report nothing).
 *
 * <p>A file appears only once it is stable: unchanged for the settle time, so a file still being
 * copied in is not hashed half-written (an atomic rename makes a file appear at once with its final
 * content, and it is stable after the settle time). Hidden and temporary files ({@code .name},
 * {@code *.tmp}, {@code *.part}) are never listed. A file that disappears just leaves the list: a
 * deployed artifact stays deployed, since the runtime holds what it loaded.
 */
public final class ArtifactsFolder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactsFolder.class);

  private final Path dir;
  private final Duration settle;
  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>(); // guarded by this
  private final List<Consumer<AvailableArtifact>> listeners = new CopyOnWriteArrayList<>();
  private final Object scanning = new Object();
  private final WatchService watcher;
  private final Thread thread;
  private volatile boolean closed;

  private record Entry(long size, Instant modified, AvailableArtifact artifact) {}

  private ArtifactsFolder(Path dir, Duration settle, Duration rescan, Clock clock)
      throws IOException {
    this.dir = dir;
    this.settle = settle;
    this.clock = clock;
    this.watcher = dir.getFileSystem().newWatchService();
    dir.register(
        watcher,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    rescan();
    this.thread =
        Thread.ofPlatform().name("artifacts-folder").daemon().unstarted(() -> watch(rescan));
    thread.start();
  }

  /**
   * Starts watching {@code dir}, creating it if needed.
   *
   * @param settle how long a file must stay unchanged before it is listed
   * @param rescan how often the folder is scanned even without change events
   * @throws java.io.UncheckedIOException if the folder cannot be created or watched
   */
  public static ArtifactsFolder watch(Path dir, Duration settle, Duration rescan) {
    try {
      Files.createDirectories(dir);
      return new ArtifactsFolder(dir, settle, rescan, Clock.systemUTC());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot watch the artifacts folder " + dir, e);
    }
  }

  /**
   * Inspects one artifact file the way the folder does: the artifact it declares and its deploy
   * spec, or why it is not usable. For tools that take a file rather than watch a folder.
   *
   * @throws IOException if the file cannot be read
   */
  public static AvailableArtifact inspect(Path file) throws IOException {
    return ArtifactFiles.inspect(file);
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** Every stable file in the folder, by file name. */
  public synchronized List<AvailableArtifact> list() {
    return entries.values().stream()
        .map(Entry::artifact)
        .sorted(Comparator.comparing(AvailableArtifact::file))
        .toList();
  }

  /** The file that holds {@code artifact}; the first by name if several do. */
  public Optional<AvailableArtifact> find(ArtifactId artifact) {
    return list().stream().filter(a -> a.artifact().equals(Optional.of(artifact))).findFirst();
  }

  /**
   * Calls {@code listener} (on the watcher's thread) for every usable artifact file that becomes
   * listed or changes from now on.
   */
  public void onNewArtifact(Consumer<AvailableArtifact> listener) {
    listeners.add(listener);
  }

  /**
   * Scans the folder now, e.g. right after copying a file in. Scans run one at a time, listeners
   * included: when this returns, every listener has heard of every artifact listed so far, even one
   * the watcher's own scan found first.
   */
  public void rescan() {
    synchronized (scanning) {
      scan();
    }
  }

  private void scan() {
    Map<String, BasicFileAttributes> seen = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (ArtifactFiles.ignored(name)) {
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
          seen.put(name, attributes);
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot scan the artifacts folder {}: {}", dir, e.toString());
      return;
    }
    List<AvailableArtifact> added = new ArrayList<>();
    synchronized (this) {
      entries.keySet().retainAll(seen.keySet());
      Instant now = clock.instant();
      seen.forEach((name, attributes) -> {
        Instant modified = attributes.lastModifiedTime().toInstant();
        Entry known = entries.get(name);
        if (known != null
            && known.size() == attributes.size()
            && known.modified().equals(modified)) {
          return;
        }
        if (Duration.between(modified, now).compareTo(settle) < 0) {
          entries.remove(name); // still changing: list it once it settles
          return;
        }
        try {
          AvailableArtifact artifact = ArtifactFiles.inspect(dir.resolve(name));
          entries.put(name, new Entry(attributes.size(), modified, artifact));
          if (artifact.artifact().isPresent()) {
            added.add(artifact);
          }
          LOG.info(
              "Artifacts folder: {} {}",
              name,
              artifact
                  .artifact()
                  .map(Object::toString)
                  .orElse("is unusable: " + artifact.problem().orElse("")));
        } catch (IOException e) {
          LOG.debug("Cannot read {} yet: {}", name, e.toString());
        }
      });
    }
    for (AvailableArtifact artifact : added) {
      for (Consumer<AvailableArtifact> listener : listeners) {
        try {
          listener.accept(artifact);
        } catch (RuntimeException e) {
          LOG.warn("Handling new artifact {} failed: {}", artifact.file(), e.toString());
        }
      }
    }
  }

  private void watch(Duration rescan) {
    // While a file settles, look again soon; otherwise at the rescan interval or on an event.
    while (!closed) {
      try {
        var key =
            watcher.poll(
                Math.min(rescan.toMillis(), settle.toMillis() + 50), TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
        rescan();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Watching the artifacts folder failed; retrying: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      LOG.debug("Closing the folder watcher: {}", e.toString());
    }
    thread.interrupt();
  }
}
