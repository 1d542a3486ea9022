package io.inmesh.xds.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inmesh.xds.file.ResourceDocuments;
import java.util.List;

/** Test helper: one resource written as YAML (with {@code @type}) through the real file parser. */
final class Yaml {
  private Yaml() {}

  static DecodedResource decode(String yaml) throws InvalidResourceException {
    return new XdsDecoder().decode(parse(yaml));
  }

  static <T> T model(String yaml, Class<T> type) throws InvalidResourceException {
    return decode(yaml).model(type);
  }

  /** The NACK message of a resource that must be rejected. */
  static String reject(String yaml) {
    InvalidResourceException e =
        catchThrowableOfType(InvalidResourceException.class, () -> decode(yaml));
    assertThat(e).as("expected a rejection").isNotNull();
    return e.getMessage();
  }

  static com.google.protobuf.Message parse(String yaml) {
    List<ResourceDocuments.Entry> entries =
        ResourceDocuments.parse("resources:\n" + indent(yaml), null);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).error()).isNull();
    return entries.get(0).resource();
  }

  private static String indent(String yaml) {
    StringBuilder b = new StringBuilder();
    boolean first = true;
    for (String line : yaml.stripIndent().split("\n")) {
      b.append(first ? "- " : "  ").append(line).append('\n');
      first = false;
    }
    return b.toString();
  }
}
