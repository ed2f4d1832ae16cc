package io.polyhost.host.ordering;

import io.polyhost.api.crypto.Hash;
import io.polyhost.api.message.SignedTransaction;
import io.polyhost.host.pool.TransactionPool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordering engine of a single validator: one thread that takes transactions from the pool in
 * arrival order and cuts blocks.
 *
 * <p>A block is cut when a full block ({@code maxTxsPerBlock}) waits; when more transactions than
 * the propose threshold wait and {@code minProposeDelay} has passed since the previous block; when
 * fewer wait, that delay has passed and arrivals have paused for as long, or {@code
 * maxProposeInterval} has passed (see {@link CutRule}); or, if empty blocks are on, when {@code
 * maxProposeInterval} has passed. Delays are measured on the monotonic system timer; only block
 * timestamps come from the injected {@link Clock} (see {@link BlockTimes}). After the producer
 * returns, the engine removes the block's transactions from the pool and evicts pooled ones failing
 * {@code check_tx}.
 */
public final class EmbeddedOrdering implements OrderingEngine {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOrdering.class);

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private final TransactionPool pool;
  private final BlockProducer producer;
  private final EmbeddedOrderingConfig config;
  private final BlockTimes times;
  private final CutRule rule;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final CompletableFuture<Void> termination = new CompletableFuture<>();
  private State state = State.NEW; // guarded by lock
  private long arrivals; // guarded by lock; counts pool wake-ups
  private long lastArrival = System.nanoTime(); // guarded by lock
  private @Nullable Thread thread; // guarded by lock

  private EmbeddedOrdering(
      TransactionPool pool,
      BlockProducer producer,
      EmbeddedOrderingConfig config,
      Clock clock,
      Instant lastBlockTime,
      BooleanSupplier awaitsBlocks) {
    this.pool = pool;
    this.producer = producer;
    this.config = config;
    this.times = new BlockTimes(clock, lastBlockTime);
    this.rule = new CutRule(config, awaitsBlocks);
  }

  /**
   * Creates a stopped engine and subscribes it to the pool's arrivals.
   *
   * @param lastBlockTime the time of the last committed block; the next block is later
   */
  public static EmbeddedOrdering create(
      TransactionPool pool,
      BlockProducer producer,
      EmbeddedOrderingConfig config,
      Clock clock,
      Instant lastBlockTime) {
    return create(pool, producer, config, clock, lastBlockTime, () -> false);
  }

  /**
   * Like {@link #create(TransactionPool, BlockProducer, EmbeddedOrderingConfig, Clock, Instant)},
   * also cutting empty blocks (at the propose interval) while {@code awaitsBlocks} is true, even if
   * the config has them off: for state that waits for later heights, such as the supervisor's
   * pending deployments and migrations. Asked on the engine thread after every block.
   */
  public static EmbeddedOrdering create(
      TransactionPool pool,
      BlockProducer producer,
      EmbeddedOrderingConfig config,
      Clock clock,
      Instant lastBlockTime,
      BooleanSupplier awaitsBlocks) {
    EmbeddedOrdering engine =
        new EmbeddedOrdering(pool, producer, config, clock, lastBlockTime, awaitsBlocks);
    pool.onArrival(engine::transactionsArrived);
    return engine;
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException(
            "Cannot start the embedded ordering engine: it is " + state + ", not NEW");
      }
      state = State.RUNNING;
      Thread started = new Thread(this::run, "embedded-ordering");
      thread = started;
      started.start();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    Thread running;
    lock.lock();
    try {
      if (state == State.NEW) {
        state = State.STOPPED;
        termination.complete(null);
        return;
      }
      if (state == State.RUNNING) {
        state = State.STOPPING;
        changed.signalAll();
      }
      running = thread;
    } finally {
      lock.unlock();
    }
    if (running != null && running != Thread.currentThread()) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public CompletionStage<Void> termination() {
    return termination;
  }

  private void transactionsArrived() {
    lock.lock();
    try {
      arrivals++;
      lastArrival = System.nanoTime();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      new Rounds().loop();
      finish(State.STOPPED, null);
    } catch (InterruptedException e) {
      // Someone interrupted the engine thread itself: treat it as a stop request.
      finish(State.STOPPED, null);
    } catch (Throwable e) {
      LOG.error("The embedded ordering engine stopped: cutting a block failed", e);
      finish(State.FAILED, e);
    }
  }

  private void finish(State end, @Nullable Throwable error) {
    lock.lock();
    try {
      state = end;
    } finally {
      lock.unlock();
    }
    if (error == null) {
      termination.complete(null);
    } else {
      termination.completeExceptionally(error);
    }
  }

  /** The engine thread's view of the current round: when it began and what the pool offered. */
  private final class Rounds {
    private long roundStart = System.nanoTime();

    /** The arrival count at which the pool held only transactions failing check_tx; -1 if none. */
    private long starvedAt = -1;

    void loop() throws InterruptedException {
      while (true) {
        long seen = awaitCut();
        if (seen < 0) {
          return;
        }
        List<SignedTransaction> txs = pool.propose(config.maxTxsPerBlock());
        if (txs.isEmpty() && !rule.emptyBlockDue(System.nanoTime() - roundStart)) {
          starvedAt = seen; // wait for new arrivals or the empty-block interval
          continue;
        }
        produce(txs);
        roundStart = System.nanoTime();
        starvedAt = -1;
      }
    }

    /** Waits until a block is due; the arrival count then, or -1 once stopping. */
    private long awaitCut() throws InterruptedException {
      lock.lock();
      try {
        while (state == State.RUNNING) {
          long now = System.nanoTime();
          long wait =
              rule.nanosToWait(
                  now - roundStart, pool.size(), arrivals != starvedAt, now - lastArrival);
          if (wait == 0) {
            return arrivals;
          } else if (wait == CutRule.UNTIL_WOKEN) {
            changed.await();
          } else {
            changed.awaitNanos(wait);
          }
        }
        return -1;
      } finally {
        lock.unlock();
      }
    }

    private void produce(List<SignedTransaction> txs) {
      producer.produceBlock(txs, times.next());
      pool.removeCommitted(txs.stream().map(SignedTransaction::hash).toList());
      List<Hash> evicted = pool.evictFailing();
      if (!evicted.isEmpty()) {
        LOG.info("Removed {} pooled transactions that fail check_tx", evicted.size());
      }
    }
  }
}
