package io.inmesh.samples.controlplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of the loaded YAML tree with its path, so that every error says where it is ({@code
 * services.reviews.retries.attempts: expected an integer, got "two"}).
 */
final class YamlNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private final String path;
  private final Object value;

  YamlNode(String path, Object value) {
    this.path = path;
    this.value = value;
  }

  String path() {
    return path;
  }

  /** The entries of a mapping, in file order; keys must be strings. */
  Map<String, YamlNode> entries() throws InvalidMeshException {
    if (!(value instanceof Map<?, ?> map)) {
      throw error("expected a mapping");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      out.put(key, new YamlNode(child(key), e.getValue()));
    }
    return out;
  }

  /** Rejects keys other than {@code allowed}: a typo must not silently drop a policy. */
  YamlNode onlyKeys(Set<String> allowed) throws InvalidMeshException {
    for (String key : entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidMeshException(
            child(key) + ": unknown key (allowed: " + String.join(", ", sorted(allowed)) + ")");
      }
    }
    return this;
  }

  Optional<YamlNode> optional(String key) throws InvalidMeshException {
    YamlNode node = entries().get(key);
    return node == null || node.value == null ? Optional.empty() : Optional.of(node);
  }

  YamlNode required(String key) throws InvalidMeshException {
    return optional(key)
        .orElseThrow(() -> new InvalidMeshException(child(key) + ": required but missing"));
  }

  List<YamlNode> list() throws InvalidMeshException {
    if (!(value instanceof List<?> items)) {
      throw error("expected a list");
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlNode(path + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  String string() throws InvalidMeshException {
    if (value instanceof String s && !s.isBlank()) {
      return s.trim();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw error("expected a non-empty string");
  }

  int integer(int min, int max) throws InvalidMeshException {
    if (!(value instanceof Integer i)) {
      throw error("expected an integer");
    }
    if (i < min || i > max) {
      throw error("must be between " + min + " and " + max);
    }
    return i;
  }

  /** A percentage 0..100, fractions allowed (Envoy keeps them as parts per million). */
  double percent() throws InvalidMeshException {
    if (!(value instanceof Number n)) {
      throw error("expected a percentage (a number from 0 to 100)");
    }
    double d = n.doubleValue();
    if (!(d >= 0 && d <= 100)) {
      throw error("must be between 0 and 100");
    }
    return d;
  }

  /** A duration with a unit: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}. */
  Duration duration() throws InvalidMeshException {
    Matcher m = DURATION.matcher(String.valueOf(value).trim());
    if (!(value instanceof String) || !m.matches()) {
      throw error("expected a duration such as 250ms, 2s or 1m");
    }
    double amount = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          default -> amount * 3_600_000;
        };
    if (millis < 1 || millis > Duration.ofDays(1).toMillis()) {
      throw error("must be between 1ms and 24h");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  InvalidMeshException error(String message) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return new InvalidMeshException(path + ": " + message + ", got " + shown);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static List<String> sorted(Set<String> keys) {
    List<String> list = new ArrayList<>(keys);
    list.sort(null);
    return list;
  }
}
