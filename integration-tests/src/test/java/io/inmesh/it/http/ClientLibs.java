package io.inmesh.it.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The client library jars the build copies per tested version into {@code it-libs/<folder>} (see
 * the {@code *-versions} executions of this module's pom), for the forked app's class path.
 */
final class ClientLibs {
  private ClientLibs() {}

  /** Every jar in {@code it-libs/<folder>}; fails when the build did not copy any. */
  static List<Path> jars(String folder) {
    Path dir = Path.of(System.getProperty("inmesh.it.libs", "target/it-libs"), folder);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars =
          files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jars in " + dir + "; run the build's test phase");
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("no client library folder " + dir, e);
    }
  }
}
