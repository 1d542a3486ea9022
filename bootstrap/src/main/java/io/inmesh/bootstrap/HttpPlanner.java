package io.inmesh.bootstrap;

/** The implementation slot of {@link HttpBridge}, installed by the agent over its engine. */
public interface HttpPlanner {
  /**
   * Plans {@code request}; null means pass it through untouched. With {@code mayBlock}, the first
   * calls to a name the mesh has not answered yet wait briefly for the control plane; without, they
   * pass through this time.
   */
  HttpPlan start(HttpRequestInfo request, boolean mayBlock);
}
