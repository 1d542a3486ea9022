package io.inmesh.instrumentation.api;

import io.inmesh.engine.MeshEngine;

/**
 * Where adapters find the engine. The mesh runtime starts the engine on a background agent thread
 * after the hooks are in place, so until it calls {@link #install} every adapter sees {@code null}
 * and lets traffic through unchanged: a slow or dead control plane never holds up the app.
 */
public final class MeshAccess {
  private static volatile MeshEngine engine;

  private MeshAccess() {}

  /** The running engine, or null while the mesh is starting (or failed to start). */
  public static MeshEngine engine() {
    return engine;
  }

  /** Called once by the mesh runtime when the engine can plan calls. */
  public static void install(MeshEngine meshEngine) {
    engine = meshEngine;
  }
}
