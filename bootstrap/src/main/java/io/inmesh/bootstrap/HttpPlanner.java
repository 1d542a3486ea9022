package io.inmesh.bootstrap;

import java.util.concurrent.CompletableFuture;

/** The implementation slot of {@link HttpBridge}, installed by the agent over its engine. */
public interface HttpPlanner {
  /**
   * Plans {@code request}; null means pass it through untouched. With {@code mayBlock}, the first
   * calls to a name the mesh has not answered yet wait briefly for the control plane; without, they
   * pass through this time.
   */
  HttpPlan start(HttpRequestInfo request, boolean mayBlock);

  /**
   * Plans {@code request} without blocking, for clients whose callers may be event-loop threads:
   * the future completes at once for names the mesh knows (or knows to be absent), and for a new
   * name when the control plane answers or the first-call wait ends, on whichever thread delivers
   * that answer. Completes with null for pass-through. Without an override: {@code start(request,
   * false)}.
   */
  default CompletableFuture<HttpPlan> startAsync(HttpRequestInfo request) {
    return CompletableFuture.completedFuture(start(request, false));
  }
}
