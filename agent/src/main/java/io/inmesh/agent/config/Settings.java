package io.inmesh.agent.config;

import java.util.function.UnaryOperator;

/**
 * Raw lookup of a setting: the system property wins over the environment variable. As a {@link
 * UnaryOperator}, it maps a property name to its value or null.
 */
public final class Settings implements UnaryOperator<String> {
  private final UnaryOperator<String> properties;
  private final UnaryOperator<String> environment;

  public Settings(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** The settings of this process. */
  public static Settings ofSystem() {
    return new Settings(new SystemProperties(), new Environment());
  }

  // Classes, not method references: this runs before main, where the first lambda costs ~20 ms.
  private static final class SystemProperties implements UnaryOperator<String> {
    @Override
    public String apply(String name) {
      return System.getProperty(name);
    }
  }

  private static final class Environment implements UnaryOperator<String> {
    @Override
    public String apply(String name) {
      return System.getenv(name);
    }
  }

  @Override
  public String apply(String property) {
    return get(property);
  }

  /** A value that was set, and the name it was set under (for messages). */
  public record Value(String value, String source) {}

  /** The value of {@code property} (e.g. {@code mesh.xds.server}), or null when unset or blank. */
  public Value lookup(String property) {
    String value = properties.apply(property);
    if (value != null && !value.isBlank()) {
      return new Value(value.trim(), "-D" + property);
    }
    String env = Setting.envName(property);
    value = environment.apply(env);
    if (value != null && !value.isBlank()) {
      return new Value(value.trim(), env);
    }
    return null;
  }

  /** Just the value of {@code property}, or null. */
  public String get(String property) {
    Value value = lookup(property);
    return value == null ? null : value.value();
  }
}
