package io.inmesh.agent.runtime;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.engine.EngineOptions;
import io.inmesh.engine.MeshEngine;
import io.inmesh.instrumentation.api.MeshAccess;
import io.inmesh.model.MeshConfigSource;

/**
 * Where the mesh itself starts: the configuration source (xDS client or local file) and the engine,
 * on a background agent thread so that their start-up cost (protobuf descriptors alone take ~0.6 s)
 * never delays the application's {@code main}. Until {@link MeshAccess#install} runs, every adapter
 * sees no engine and lets traffic through unchanged.
 *
 * <p>Everything run from this thread is bypassed by the hooks (see {@link AgentThreads}), and so
 * are the threads it starts, which inherit the agent's thread group.
 */
public final class MeshRuntime {
  private MeshRuntime() {}

  public static void start(MeshConfig config) {
    AgentThreads.newThread(() -> run(config), "runtime").start();
  }

  private static void run(MeshConfig config) {
    try {
      MeshConfigSource source = ConfigSources.open(config);
      if (source == null) {
        MeshLog.info(
            "no mesh configured (MESH_XDS_SERVER or MESH_CONFIG): all traffic passes through");
        return;
      }
      MeshEngine engine = new MeshEngine(source, EngineOptions.defaults());
      MeshAccess.install(engine);
      MeshLog.debug("mesh engine ready on " + config.source());
    } catch (Throwable t) {
      // Fail open: without an engine every hook passes traffic through.
      MeshLog.error("mesh runtime failed; hooks pass traffic through: " + t, t);
    }
  }
}
