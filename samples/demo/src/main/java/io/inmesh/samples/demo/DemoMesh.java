package io.inmesh.samples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's mesh file. Everything but the reviews split is fixed: retries that save reviews v1's
 * failures, a small injected abort on reviews, a delay on ratings, and a tight breaker on ratings
 * that overflows under the demo's concurrency.
 *
 * <p>Outlier detection ejects reviews v1 after two 5xx in a row; v1 fails its 20 % in pairs so that
 * happens a few times per phase. Each version is a cluster of one host, and Envoy ejects only while
 * the ejected share stays within {@code max_ejection_percent}, so anything under 100 would never
 * eject it. The ejected host still gets traffic: with no healthy host left the cluster is in panic
 * and balances over all hosts, so ejections show in the agents' metrics, not in the answers.
 */
final class DemoMesh {
  /** Phase one: the canary-style split. */
  static final Map<String, Integer> FIRST_SPLIT = ordered("v1", 50, "v2", 30, "v3", 20);

  /** Phase two: everything to v3. */
  static final Map<String, Integer> SECOND_SPLIT = ordered("v3", 100);

  /** The share of requests reviews v1 fails on purpose (retries should hide most). */
  static final int V1_FAIL_PERCENT = 20;

  /** Reviews v1 fails two in a row, so consecutive-5xx outlier detection has a run to act on. */
  static final int V1_FAIL_BURST = 2;

  /** The abort the mesh injects into calls to reviews. */
  static final int ABORT_PERCENT = 3;

  private final Map<String, Integer> reviewsPorts;
  private final int ratingsPort;

  DemoMesh(Map<String, Integer> reviewsPorts, int ratingsPort) {
    this.reviewsPorts = Map.copyOf(reviewsPorts);
    this.ratingsPort = ratingsPort;
  }

  /** The YAML text with reviews split as given. */
  String render(Map<String, Integer> split) {
    String weights =
        split.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "));
    return """
        # The demo mesh: edit and save while the demo runs, the control plane reloads it.
        services:
          reviews:
            port: 9080
            versions:
              v1: [127.0.0.1:%d]
              v2: [127.0.0.1:%d]
              v3: [127.0.0.1:%d]
            routes:
              - match: { headers: { end-user: jason } }
                split: { v2: 100 }
              - split: { %s }
            retries: { attempts: 2, on: "5xx,connect-failure", perTryTimeout: 1s }
            timeout: 3s
            fault: { abort: { status: 503, percent: %d } }
            # one host per version: maxEjectionPercent below 100 would never let it be ejected
            outlierDetection: { consecutive5xx: 2, interval: 1s, baseEjectionTime: 1s, maxEjectionPercent: 100 }
          ratings:
            port: 9080
            versions:
              v1: [127.0.0.1:%d]
            fault: { delay: { fixed: 50ms, percent: 10 } }
            circuitBreaker: { maxRequests: 2 }
        """
        .formatted(
            reviewsPorts.get("v1"),
            reviewsPorts.get("v2"),
            reviewsPorts.get("v3"),
            weights,
            ABORT_PERCENT,
            ratingsPort);
  }

  /** Writes the file by rename, so the control plane never reads half of it. */
  void write(Path file, Map<String, Integer> split) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, render(split), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The configured share (0..1) of every reviews version under {@code split}. */
  static Map<String, Double> shares(Map<String, Integer> split) {
    double total = split.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Double> out = new LinkedHashMap<>();
    for (String v : new String[] {"v1", "v2", "v3"}) {
      out.put(v, split.getOrDefault(v, 0) / total);
    }
    return out;
  }

  /** "v1 50 / v2 30 / v3 20" */
  static String describe(Map<String, Integer> split) {
    return split.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" / "));
  }

  private static Map<String, Integer> ordered(Object... pairs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
