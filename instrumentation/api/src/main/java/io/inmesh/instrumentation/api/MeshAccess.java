package io.inmesh.instrumentation.api;

import io.inmesh.engine.MeshEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where adapters find the engine. The mesh runtime starts it on a background agent thread after the
 * hooks are in place (reading the config file or reaching the control plane takes a while: protobuf
 * descriptors alone cost ~0.6 s).
 *
 * <p>While a configured mesh is starting, {@link #engine()} waits for it, up to one deadline shared
 * by every caller ({@code MESH_START_WAIT}): an app's first call to {@code http://reviews:9080}
 * must not fail just because it came before the mesh was loaded, as an app behind a sidecar waits
 * for the proxy's first config. After the engine is installed, or the deadline passed, or no mesh
 * is configured, it is one volatile read. A null engine means pass through.
 */
public final class MeshAccess {
  private static final CountDownLatch SETTLED = new CountDownLatch(1);
  private static volatile MeshEngine engine;

  /** {@link System#nanoTime()} until which callers wait for the engine; 0 when they need not. */
  private static volatile long waitUntilNanos;

  private MeshAccess() {}

  /**
   * The running engine; while a configured mesh is starting, waits for it until the start deadline;
   * null when there is none (nothing configured, the deadline passed, or the start failed).
   */
  public static MeshEngine engine() {
    MeshEngine current = engine;
    if (current != null || waitUntilNanos == 0) {
      return current;
    }
    return awaitStart();
  }

  private static MeshEngine awaitStart() {
    long until = waitUntilNanos;
    long left = until - System.nanoTime();
    if (until == 0 || left <= 0) {
      waitUntilNanos = 0; // past the deadline: later callers do not even look at the clock
      return engine;
    }
    try {
      // A latch, not a monitor: a virtual thread waiting here does not pin its carrier.
      SETTLED.await(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return engine;
  }

  /** Called by the mesh runtime before the app's main runs, when a mesh source is configured. */
  public static void starting(long maxWaitNanos) {
    if (maxWaitNanos > 0 && engine == null) {
      waitUntilNanos = System.nanoTime() + maxWaitNanos;
    }
  }

  /** Called once by the mesh runtime when the engine can plan calls. */
  public static void install(MeshEngine meshEngine) {
    engine = meshEngine;
    settle();
  }

  /** Called by the mesh runtime when there will be no engine: callers stop waiting. */
  public static void settle() {
    waitUntilNanos = 0;
    SETTLED.countDown();
  }
}
