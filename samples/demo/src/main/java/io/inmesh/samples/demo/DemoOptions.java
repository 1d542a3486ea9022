package io.inmesh.samples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's command line.
 *
 * @param agentJar the mesh agent given to every service with {@code -javaagent}
 * @param requests requests per phase
 * @param concurrency requests in flight at once
 * @param timeout the hard limit for the whole demo; it stops everything and exits when reached
 * @param startTimeout how long to wait for each child to come up and for the first routed answer
 * @param reportFile where to write the machine-readable report, if anywhere
 */
record DemoOptions(
    Path agentJar,
    int requests,
    int concurrency,
    Duration timeout,
    Duration startTimeout,
    Optional<Path> reportFile) {

  static final String USAGE =
      """
      usage: Demo --agent <mesh.jar> [--quick] [--requests N] [--concurrency N]
                  [--timeout-seconds N] [--start-timeout-seconds N] [--report-file <file>]
        --quick          fewer requests (300 per phase instead of 1000)
        --report-file    also write the counts as key=value lines (for tests)""";

  static DemoOptions parse(String[] args) {
    Path agent = null;
    int requests = 1000;
    Integer explicitRequests = null;
    int concurrency = 6;
    int timeoutSeconds = 180;
    int startTimeoutSeconds = 60;
    Path report = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent" -> agent = Path.of(value(args, ++i));
        case "--quick" -> requests = 300;
        case "--requests" -> explicitRequests = positive(args, ++i);
        case "--concurrency" -> concurrency = positive(args, ++i);
        case "--timeout-seconds" -> timeoutSeconds = positive(args, ++i);
        case "--start-timeout-seconds" -> startTimeoutSeconds = positive(args, ++i);
        case "--report-file" -> report = Path.of(value(args, ++i));
        case "-h", "--help" -> throw new IllegalArgumentException("");
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (agent == null) {
      throw new IllegalArgumentException("--agent <mesh.jar> is required");
    }
    return new DemoOptions(
        agent,
        explicitRequests != null ? explicitRequests : requests,
        concurrency,
        Duration.ofSeconds(timeoutSeconds),
        Duration.ofSeconds(startTimeoutSeconds),
        Optional.ofNullable(report));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int positive(String[] args, int i) {
    String v = value(args, i);
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(args[i - 1] + " needs a positive number, got " + v);
  }
}
