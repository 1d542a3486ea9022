package io.inmesh.agent.runtime;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.MeshLog;

/**
 * The seam where the mesh itself starts: the xDS client (or the local file source) and the engine,
 * on a background agent thread so that their start-up cost (protobuf descriptors alone take ~0.6 s)
 * never delays the application's {@code main}. Until it is ready, every bridge slot is empty and
 * hooks let traffic through unchanged.
 *
 * <p>To wire the mesh in: build the model source from {@code config} here, start the engine, then
 * call each bridge's {@code install(...)}. Everything run from this thread is bypassed by the hooks
 * (see {@link AgentThreads}); give executors {@link AgentThreads#factory(String)}.
 */
public final class MeshRuntime {
  private MeshRuntime() {}

  public static void start(MeshConfig config) {
    AgentThreads.newThread(() -> run(config), "runtime").start();
  }

  private static void run(MeshConfig config) {
    try {
      MeshLog.debug(
          "runtime: node "
              + config.nodeId()
              + (config.service().isEmpty() ? "" : " of " + config.service())
              + ", config "
              + config.source()
              + "; no xDS client or engine yet, hooks pass traffic through");
    } catch (Throwable t) {
      MeshLog.error("mesh runtime failed; hooks pass traffic through: " + t, t);
    }
  }
}
