package io.polyhost.runtime.js;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a guest prints ({@code console.log} and friends), line by line into the node log, tagged
 * with the service. Lines are cut at {@value #MAX_LINE} bytes so a chatty or hostile service cannot
 * grow the buffer without bound, and at most {@value #BURST} lines are written in a burst, then
 * {@value #LINES_PER_SECOND} a second, so it cannot fill the node's disk either: the rest is
 * dropped and counted. The output is node-local and never part of consensus.
 */
final class GuestLog extends OutputStream {
  private static final Logger LOG = LoggerFactory.getLogger("polyhost.js");
  static final int MAX_LINE = 4096;
  static final int BURST = 200;
  static final int LINES_PER_SECOND = 50;

  private final String tag;
  private final boolean error;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean truncated;
  private double allowance = BURST;
  private long lastRefill = System.nanoTime();
  private long dropped;
  private long written;

  GuestLog(String tag, boolean error) {
    this.tag = tag;
    this.error = error;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else if (line.size() < MAX_LINE) {
      line.write(b);
    } else {
      truncated = true;
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      emit();
    }
  }

  /** How many lines reached the log, for tests. */
  synchronized long written() {
    return written;
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8) + (truncated ? " [cut]" : "");
    line.reset();
    truncated = false;
    long now = System.nanoTime();
    allowance = Math.min(BURST, allowance + (now - lastRefill) * LINES_PER_SECOND / 1e9);
    lastRefill = now;
    if (allowance < 1) {
      dropped++;
      return;
    }
    allowance--;
    if (dropped > 0) {
      text = "[" + dropped + " lines dropped] " + text;
      dropped = 0;
    }
    written++;
    if (error) {
      LOG.warn("[{}] {}", tag, text);
    } else {
      LOG.info("[{}] {}", tag, text);
    }
  }
}
