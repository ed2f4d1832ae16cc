package io.polyhost.host.config;

import java.util.Map;

/**
 * Settings from environment variables, which override the configuration file: {@code POLYHOST_} and
 * the key in upper case with dots and dashes as underscores, e.g. {@code POLYHOST_PUBLIC_API} for
 * {@code public-api} and {@code POLYHOST_LOG_FORMAT} for {@code log.format}. Relative folders are
 * taken from the working folder. An unknown {@code POLYHOST_} variable is an error, because a
 * misspelt override silently ignored is a setting the operator thinks they made.
 */
public final class EnvOverrides {
  private EnvOverrides() {}

  /**
   * {@code base} with the overrides in {@code env} applied.
   *
   * @throws InvalidConfigException listing every unknown variable and bad value
   */
  public static NodeConfig apply(Map<String, String> env, NodeConfig base) {
    return ConfigAssembly.fromEnvironment(env, base);
  }
}
