package io.inmesh.benchmarks.overhead;

import java.util.List;
import java.util.Map;

/**
 * One way of making the same call: what the client JVM gets on its command line and environment,
 * and which URL it calls. Each variant calls path {@code /<name>} so the backend counts its calls
 * apart from the others'.
 *
 * @param name the report's name, also the path segment
 * @param description what the variant stands for
 * @param jvmArgs options before the main class (agents)
 * @param environment variables added to the client's environment
 * @param url the full URL the client calls
 * @param skipReason why it cannot run here (a tool is missing), or null
 */
record Variant(
    String name,
    String description,
    List<String> jvmArgs,
    Map<String, String> environment,
    String url,
    String skipReason) {

  static final String DIRECT = "direct";
  static final String MESH = "mesh";
  static final String MESH_PASSTHROUGH = "mesh-passthrough";
  static final String HAPROXY = "haproxy";
  static final String OTEL = "otel";

  /** Every variant name, in report order. */
  static final List<String> NAMES = List.of(DIRECT, MESH, MESH_PASSTHROUGH, HAPROXY, OTEL);

  boolean runnable() {
    return skipReason == null;
  }
}
