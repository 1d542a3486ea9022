package io.inmesh.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A JDK to fork test apps with, found by feature version: the running JDK if it matches, else a
 * scan of {@code /usr/lib/jvm} (or {@code -Dinmesh.it.jvmDir}) for a {@code release} file whose
 * {@code JAVA_VERSION} starts with that version. Never hard-coded paths.
 */
public record Jdk(int feature, Path home) {
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  /** The java launcher of this JDK. */
  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** Finds a JDK of {@code feature}, e.g. 17 or 25. */
  public static Optional<Jdk> find(int feature) {
    Path current = Paths.get(System.getProperty("java.home"));
    if (Runtime.version().feature() == feature) {
      return Optional.of(new Jdk(feature, current));
    }
    Path dir = Paths.get(System.getProperty("inmesh.it.jvmDir", "/usr/lib/jvm"));
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(dir)) {
      return homes
          .sorted()
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> releaseFeature(home) == feature)
          .map(home -> new Jdk(feature, home))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The JDK of {@code feature}, or skips the calling test with a message saying why. */
  public static Jdk require(int feature) {
    Optional<Jdk> jdk = find(feature);
    Assumptions.assumeTrue(
        jdk.isPresent(),
        "No JDK "
            + feature
            + " found (looked at java.home and for a release file with JAVA_VERSION=\""
            + feature
            + "... under "
            + System.getProperty("inmesh.it.jvmDir", "/usr/lib/jvm")
            + "): skipping the JDK "
            + feature
            + " run");
    return jdk.get();
  }

  private static int releaseFeature(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return "JDK " + feature;
  }
}
