package io.polyhost.runtime.js;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a guest prints ({@code console.log} and friends), line by line into the node log, tagged
 * with the service. Lines are cut at {@value #MAX_LINE} bytes so a chatty or hostile service cannot
 * grow the buffer without bound; the output is node-local and never part of consensus.
 */
final class GuestLog extends OutputStream {
  private static final Logger LOG = LoggerFactory.getLogger("polyhost.js");
  static final int MAX_LINE = 4096;

  private final String tag;
  private final boolean error;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean truncated;

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

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8) + (truncated ? " [cut]" : "");
    line.reset();
    truncated = false;
    if (error) {
      LOG.warn("[{}] {}", tag, text);
    } else {
      LOG.info("[{}] {}", tag, text);
    }
  }
}
