package io.polyhost.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonStringsTest {
  @Test
  void quotes_escape_what_json_requires_and_keep_the_rest() {
    assertThat(JsonStrings.quote("plain")).isEqualTo("\"plain\"");
    assertThat(JsonStrings.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(JsonStrings.quote("line\nfeed\r\ttab")).isEqualTo("\"line\\nfeed\\r\\ttab\"");
    assertThat(JsonStrings.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
    assertThat(JsonStrings.quote("é ✓ \uD83D\uDE00")).isEqualTo("\"é ✓ \uD83D\uDE00\"");
    assertThat(JsonStrings.quote("")).isEqualTo("\"\"");
  }
}
