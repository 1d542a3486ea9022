package io.inmesh.instrumentation.api.http;

import io.inmesh.bootstrap.HttpBridge;
import io.inmesh.bootstrap.HttpPlan;
import io.inmesh.bootstrap.HttpPlanner;
import io.inmesh.bootstrap.HttpRequestInfo;
import io.inmesh.engine.MeshCall;
import io.inmesh.engine.MeshEngine;
import io.inmesh.instrumentation.api.MeshAccess;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's side of {@link HttpBridge}: plans bridge calls on the running engine ({@link
 * MeshAccess#engine()}), and passes everything through while there is none. Every L7 module
 * installs it from its {@code start} with {@link #install()} (idempotent).
 */
public final class MeshHttpPlanner implements HttpPlanner {
  private static final MeshHttpPlanner INSTANCE = new MeshHttpPlanner();

  /** Shared answer for pass-through: no allocation for calls the mesh does not handle. */
  private static final CompletableFuture<HttpPlan> PASS = CompletableFuture.completedFuture(null);

  private MeshHttpPlanner() {}

  /** Installs the planner into the bridge once; later calls do nothing. */
  public static void install() {
    if (!HttpBridge.isInstalled()) {
      HttpBridge.install(INSTANCE);
    }
  }

  @Override
  public HttpPlan start(HttpRequestInfo info, boolean mayBlock) {
    MeshEngine engine = MeshAccess.engine();
    if (engine == null || info.host() == null) {
      return null;
    }
    RequestInfoAdapter request = new RequestInfoAdapter(info);
    MeshCall call = mayBlock ? engine.start(request) : engine.tryStart(request);
    return call == null ? null : new MeshHttpPlan(call, request);
  }

  @Override
  public CompletableFuture<HttpPlan> startAsync(HttpRequestInfo info) {
    MeshEngine engine = MeshAccess.engine();
    if (engine == null || info.host() == null) {
      return PASS;
    }
    RequestInfoAdapter request = new RequestInfoAdapter(info);
    CompletableFuture<MeshCall> planned = engine.startAsync(request);
    if (planned.isDone()) {
      MeshCall call = planned.getNow(null);
      return call == null
          ? PASS
          : CompletableFuture.completedFuture(new MeshHttpPlan(call, request));
    }
    return planned.thenApply(call -> call == null ? null : new MeshHttpPlan(call, request));
  }
}
