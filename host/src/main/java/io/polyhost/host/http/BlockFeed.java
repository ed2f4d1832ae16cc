package io.polyhost.host.http;

import io.polyhost.host.blockchain.Blockchain;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the block streams when the chain grows. One thread looks at the committed height every few
 * milliseconds, so the streams never touch the block-execution path: a slow or stuck subscriber
 * cannot delay a block.
 */
final class BlockFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockFeed.class);

  private final Blockchain chain;
  private final Duration interval;
  private final Thread poller;
  private long height;
  private boolean closed;

  private BlockFeed(Blockchain chain, Duration interval) {
    this.chain = chain;
    this.interval = interval;
    this.height = chain.height();
    this.poller = Thread.ofPlatform().daemon().name("polyhost-block-feed").unstarted(this::poll);
  }

  static BlockFeed start(Blockchain chain, Duration interval) {
    BlockFeed feed = new BlockFeed(chain, interval);
    feed.poller.start();
    return feed;
  }

  /**
   * Waits until the committed height is above {@code after}, at most {@code timeout}.
   *
   * @return the committed height (perhaps still {@code after} or below, after the timeout), or -1
   *     once the feed is closed
   */
  synchronized long awaitAbove(long after, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed && height <= after) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return closed ? -1 : height;
  }

  private void poll() {
    try {
      while (!isClosed()) {
        long now = chain.height();
        synchronized (this) {
          if (now > height) {
            height = now;
            notifyAll();
          }
        }
        Thread.sleep(interval);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!isClosed()) {
        LOG.warn("The block feed stopped; block streams end", e);
      }
    } finally {
      close();
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Ends every wait and the polling thread. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
    if (Thread.currentThread() != poller) {
      poller.interrupt();
    }
  }
}
