package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A guest's output reaches the log bounded in line length and in lines per second. */
class GuestLogTest {
  @Test
  void aFloodIsCutToABurst() {
    GuestLog log = new GuestLog("flooder", false);
    byte[] line = "spam\n".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 100_000; i++) {
      log.write(line, 0, line.length);
    }
    // The burst, plus what the rate let through while the loop ran (it takes well under 10 s).
    assertThat(log.written())
        .isBetween((long) GuestLog.BURST, GuestLog.BURST + 10L * GuestLog.LINES_PER_SECOND);
  }

  @Test
  void longLinesAreCut() {
    GuestLog log = new GuestLog("long", false);
    byte[] line = ("x".repeat(GuestLog.MAX_LINE * 3) + "\n").getBytes(StandardCharsets.UTF_8);
    log.write(line, 0, line.length);
    assertThat(log.written()).isEqualTo(1);
  }
}
