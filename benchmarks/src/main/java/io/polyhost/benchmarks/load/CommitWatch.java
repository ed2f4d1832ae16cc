package io.polyhost.benchmarks.load;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.proof.Hashing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the node's committed blocks ({@code GET /api/explorer/v1/blocks/subscribe}) and notes
 * when each transaction was seen committed: the arrival of the block's event, on this JVM's
 * monotonic clock, so it compares with the submission times the {@link Submitter} takes.
 *
 * <p>The event carries the header only; the block's transaction hashes come from {@code GET
 * /api/explorer/v1/block?height=H}, fetched on a second thread so that the stream is read as soon
 * as the node writes it: a reader busy fetching would take later blocks' times too late. During a
 * measured span the fetches can be held back ({@link #holdFetches}) and the end told from the
 * blocks' transaction counts ({@link #awaitTransactionsFrom}): the block contents are only the
 * generator's bookkeeping, and fetching them as blocks arrive cost the node about 5 µs of CPU per
 * transaction (a request and a JSON list of hashes per block) and the generator about as much.
 */
final class CommitWatch implements AutoCloseable {
  /** The {@code error_hash} of a block in which no call failed: the hash of an empty proof map. */
  static final Hash NO_ERRORS = Hashing.map(Hash.zero());

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One committed block as the watch saw it. */
  record SeenBlock(long height, long seenNanos, int txCount, boolean withoutErrors) {}

  private final HttpClient http;
  private final URI publicApi;
  private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
  private final List<SeenBlock> blocks = new CopyOnWriteArrayList<>();
  private final Object progress = new Object();
  private final Thread thread;
  private final Thread fetcher;
  private final BlockingQueue<SeenBlock> toFetch = new LinkedBlockingQueue<>();
  private volatile long next;
  private volatile boolean closed;
  private boolean held; // guarded by progress
  private volatile @Nullable RuntimeException failure;

  private CommitWatch(HttpClient http, URI publicApi, long from) {
    this.http = http;
    this.publicApi = publicApi;
    this.next = from;
    this.thread = Thread.ofPlatform().daemon().name("bench-commit-watch").unstarted(this::follow);
    this.fetcher = Thread.ofPlatform().daemon().name("bench-block-fetch").unstarted(this::fetch);
  }

  /** Starts following the blocks from height {@code from} on. */
  static CommitWatch start(HttpClient http, URI publicApi, long from) {
    CommitWatch watch = new CommitWatch(http, publicApi, from);
    watch.thread.start();
    watch.fetcher.start();
    return watch;
  }

  /** When the transaction with this hex hash was seen committed ({@link System#nanoTime()}). */
  @Nullable Long committedAt(String txHashHex) {
    return committedAt.get(txHashHex);
  }

  /** The blocks seen so far, in height order. */
  List<SeenBlock> blocks() {
    return List.copyOf(blocks);
  }

  /**
   * Waits until every transaction in {@code txHashes} is committed.
   *
   * @param stall how long to go on waiting while no further transaction of the set commits
   * @throws TimeoutException if the set stops committing for {@code stall}
   */
  void awaitAll(Collection<String> txHashes, Duration stall)
      throws TimeoutException, InterruptedException {
    List<String> missing = new ArrayList<>(txHashes);
    long lastProgress = System.nanoTime();
    while (true) {
      int before = missing.size();
      missing.removeIf(committedAt::containsKey);
      if (missing.isEmpty()) {
        return;
      }
      RuntimeException failed = failure;
      if (failed != null) {
        throw failed;
      }
      long now = System.nanoTime();
      if (missing.size() < before) {
        lastProgress = now;
      } else if (now - lastProgress > stall.toNanos()) {
        throw new TimeoutException(
            missing.size()
                + " of "
                + txHashes.size()
                + " transactions did not commit and none did for "
                + stall
                + "; e.g. "
                + missing.getFirst());
      }
      synchronized (progress) {
        progress.wait(100);
      }
    }
  }

  /** The height of the next block the watch expects. */
  long nextHeight() {
    return next;
  }

  /** Holds back the fetching of block contents until {@link #releaseFetches}. */
  void holdFetches() {
    synchronized (progress) {
      held = true;
    }
  }

  /** Fetches the contents of the blocks seen since {@link #holdFetches}, and later ones. */
  void releaseFetches() {
    synchronized (progress) {
      held = false;
      progress.notifyAll();
    }
  }

  /**
   * Waits until the blocks from height {@code from} on hold at least {@code count} transactions, as
   * their headers say: the end of a measured span whose transactions are the only ones sent.
   *
   * @param stall how long to go on waiting while no further transaction commits
   * @throws TimeoutException if no block with transactions arrives for {@code stall}
   */
  void awaitTransactionsFrom(long from, long count, Duration stall)
      throws TimeoutException, InterruptedException {
    long lastProgress = System.nanoTime();
    long seen = -1;
    while (true) {
      long now = 0;
      for (SeenBlock block : blocks) {
        if (block.height() >= from) {
          now += block.txCount();
        }
      }
      if (now >= count) {
        return;
      }
      RuntimeException failed = failure;
      if (failed != null) {
        throw failed;
      }
      if (now > seen) {
        seen = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
        throw new TimeoutException(
            "The blocks from height "
                + from
                + " hold "
                + now
                + " of "
                + count
                + " transactions and none committed for "
                + stall);
      }
      synchronized (progress) {
        progress.wait(5);
      }
    }
  }

  private void follow() {
    while (!closed) {
      HttpRequest subscribe =
          HttpRequest.newBuilder(
                  publicApi.resolve("/api/explorer/v1/blocks/subscribe?from=" + next))
              .header("Accept", "text/event-stream")
              .build();
      try (Stream<String> lines =
          http.send(subscribe, HttpResponse.BodyHandlers.ofLines()).body()) {
        lines.takeWhile(line -> !closed).forEach(this::line);
      } catch (IOException e) {
        if (!closed) {
          ChildNode.sleep(Duration.ofMillis(200)); // the stream broke: resume where it stopped
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
    }
  }

  private void line(String line) {
    if (!line.startsWith("data:")) {
      return;
    }
    long seen = System.nanoTime();
    JsonNode header = JSON.readTree(line.substring("data:".length()).strip());
    long height = header.path("height").asLong();
    int txCount = header.path("tx_count").asInt();
    boolean clean = NO_ERRORS.toHex().equals(header.path("error_hash").asString(""));
    SeenBlock block = new SeenBlock(height, seen, txCount, clean);
    blocks.add(block);
    next = height + 1;
    if (txCount > 0) {
      toFetch.add(block);
    }
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  private void fetch() {
    try {
      while (!closed) {
        SeenBlock seen = toFetch.take();
        synchronized (progress) {
          while (held) {
            progress.wait();
          }
        }
        for (JsonNode tx : block(seen.height()).path("txs")) {
          committedAt.put(tx.asString(), seen.seenNanos());
        }
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closed
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private JsonNode block(long height) {
    HttpRequest request =
        HttpRequest.newBuilder(publicApi.resolve("/api/explorer/v1/block?height=" + height))
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET block " + height + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read block " + height + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted reading block " + height, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    fetcher.interrupt();
  }
}
