package io.inmesh.benchmarks.overhead;

import java.util.Map;

/**
 * The figures of one client process (one variant, one client library, one round).
 *
 * @param variant the variant's name
 * @param client the client library's name
 * @param round 1-based round number
 * @param metrics the client's {@code RESULT} values by key, plus the harness's own: {@code
 *     startupMs} (launch to first successful response), {@code backendCalls} (what the backend
 *     counted for this variant during the run) and, for the proxy hop, {@code proxyCpuUsPerCall}
 */
record RunResult(String variant, String client, int round, Map<String, Double> metrics) {
  double get(String key) {
    Double value = metrics.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key + " in " + metrics.keySet());
    }
    return value;
  }
}
