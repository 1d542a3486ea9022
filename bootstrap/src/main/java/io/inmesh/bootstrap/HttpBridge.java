package io.inmesh.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * Bridge of the L7 HTTP client hooks (OkHttp, Apache HttpClient, the JDK clients): an adapter
 * describes the call ({@link HttpRequestInfo}) and drives the {@link HttpPlan} it gets back. One
 * bridge for every client library, so that routing, retries, timeouts and local replies are the
 * engine's and each adapter only moves bytes.
 *
 * <p>Typed with JDK and bridge types only: adapters live in the application's class loader (they
 * are typed with their library's classes) and reach the engine, in the agent's loader, through
 * here.
 */
public final class HttpBridge {
  /**
   * Nesting guard of L7 hooks: an adapter enters it around the request it sends for an attempt, so
   * that a hook further down the same client (or a client it delegates to) lets that request
   * through instead of planning it again.
   */
  public static final CallDepth DEPTH = new CallDepth();

  private static volatile HttpPlanner planner;

  private HttpBridge() {}

  /** Installs the implementation; until then (or with null) every call passes through. */
  public static void install(HttpPlanner implementation) {
    planner = implementation;
  }

  /** Whether a planner is installed. */
  public static boolean isInstalled() {
    return planner != null;
  }

  /**
   * Plans a call that may wait briefly for the control plane on the first call to a new name (for
   * blocking clients). Null: pass through (not a mesh call, inside another L7 hook's attempt, agent
   * traffic, or the mesh not running yet).
   */
  public static HttpPlan start(HttpRequestInfo request) {
    return plan(request, true);
  }

  /** Like {@link #start} but never blocks: for async clients and event-loop threads. */
  public static HttpPlan tryStart(HttpRequestInfo request) {
    return plan(request, false);
  }

  /**
   * Plans a call without blocking even on the first call to a new name: see {@link
   * HttpPlanner#startAsync}. Null (no future at all) when the call passes through for a reason
   * known now (nesting, agent traffic, no planner); the future may still complete with null.
   */
  public static CompletableFuture<HttpPlan> startAsync(HttpRequestInfo request) {
    if (DEPTH.current() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    HttpPlanner current = planner;
    return current == null ? null : current.startAsync(request);
  }

  private static HttpPlan plan(HttpRequestInfo request, boolean mayBlock) {
    if (DEPTH.current() > 0 || AgentThreads.isBypassed()) {
      return null;
    }
    HttpPlanner current = planner;
    return current == null ? null : current.start(request, mayBlock);
  }
}
