package io.polyhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.polyhost.host.config.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LogSetupTest {
  @AfterEach
  void restoreTextLogs() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void theJsonFormatWritesOneJsonObjectPerEvent() {
    LogSetup.apply(LogFormat.JSON);
    String output = capture(() -> LoggerFactory.getLogger("polyhost.test").info("hello {}", 42));
    String line = output.lines().filter(l -> l.contains("hello 42")).findFirst().orElseThrow();
    JsonNode event = JsonMapper.builder().build().readTree(line);
    assertThat(event.get("level").asString()).isEqualTo("INFO");
    assertThat(event.get("formattedMessage").asString()).isEqualTo("hello 42");
    assertThat(event.get("loggerName").asString()).isEqualTo("polyhost.test");
  }

  @Test
  void theTextFormatStaysReadable() {
    LogSetup.apply(LogFormat.TEXT);
    String output = capture(() -> LoggerFactory.getLogger("polyhost.test").info("plain {}", 7));
    assertThat(output).contains("INFO").contains("plain 7").doesNotContain("{\"");
  }

  private static String capture(Runnable logging) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      logging.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
