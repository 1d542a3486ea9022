package io.inmesh.samples.demo;

import java.util.Map;

/**
 * What one productpage request came to, read from the flat JSON productpage answers. Answers that
 * did not come from a reviews app are the mesh's own local replies, told apart the way Envoy marks
 * them: {@code x-envoy-overloaded} for a circuit-breaker overflow, "no healthy upstream" when every
 * endpoint is ejected or gone, anything else (a fault abort) as an injected reply.
 */
public enum Outcome {
  /** A reviews version answered 200. */
  ANSWERED("answered by reviews"),
  /** A reviews app answered 5xx and retries (if any) did not save it. */
  UPSTREAM_FAILED("upstream 5xx that reached the app"),
  /** A reply made by the mesh for an injected fault. */
  INJECTED_ABORT("injected aborts (mesh fault)"),
  /** The circuit breaker refused the request. */
  OVERFLOW("breaker overflows (x-envoy-overloaded)"),
  /** No endpoint could take the request (all ejected or unknown). */
  NO_HEALTHY_UPSTREAM("no healthy upstream"),
  /** No HTTP answer at all: timeout, refused, unknown host. */
  NO_ANSWER("no answer (error in the app's client)");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** The row label in the report. */
  public String label() {
    return label;
  }

  /** Classifies one productpage answer. */
  public static Outcome of(Map<String, String> page) {
    int status = parseInt(page.get("reviews.status"));
    if (status == 0) {
      return NO_ANSWER;
    }
    boolean fromApp = !"none".equals(page.getOrDefault("reviews.version", "none"));
    if (fromApp) {
      return status < 500 ? ANSWERED : UPSTREAM_FAILED;
    }
    if ("true".equals(page.get("reviews.overloaded"))) {
      return OVERFLOW;
    }
    if (page.getOrDefault("reviews.body", "").contains("no healthy upstream")) {
      return NO_HEALTHY_UPSTREAM;
    }
    return INJECTED_ABORT;
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
