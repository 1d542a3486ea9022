package io.inmesh.samples.controlplane;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML 1.2 booleans: only true/false. SnakeYAML follows YAML 1.1, where {@code on}, {@code off},
 * {@code yes} and {@code no} are booleans, so the retry policy's {@code on:} key would silently
 * become {@code true}.
 */
final class Yaml12Booleans extends Resolver {
  private static final Pattern YAML11_BOOLEAN_WORDS =
      Pattern.compile("^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$");

  @Override
  protected void addImplicitResolvers() {
    // Registered first so it wins over the 1.1 boolean resolver for the same first letters.
    addImplicitResolver(Tag.STR, YAML11_BOOLEAN_WORDS, "yYnNoO");
    super.addImplicitResolvers();
  }
}
