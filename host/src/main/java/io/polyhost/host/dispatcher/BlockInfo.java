package io.polyhost.host.dispatcher;

import java.time.Instant;
import java.util.Objects;

/**
 * The block being executed, as far as calls can see it.
 *
 * @param height its height; 0 is the genesis block
 * @param time the block time its proposer set; the same on every node
 */
public record BlockInfo(long height, Instant time) {
  /** Checks the parts. */
  public BlockInfo {
    if (height < 0) {
      throw new IllegalArgumentException("A block height is never negative; got " + height);
    }
    Objects.requireNonNull(time, "time");
  }

  /** Whether this is the genesis block. */
  public boolean isGenesis() {
    return height == 0;
  }
}
