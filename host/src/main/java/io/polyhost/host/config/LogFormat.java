package io.polyhost.host.config;

/** How the node writes its log to the console. */
public enum LogFormat {
  /** One readable line per event. */
  TEXT,
  /** One JSON object per line, for log collectors. */
  JSON;

  /** The name used in configuration: {@code text} or {@code json}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
