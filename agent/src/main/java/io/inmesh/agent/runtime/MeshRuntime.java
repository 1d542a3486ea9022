package io.inmesh.agent.runtime;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.DnsBridge;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.engine.EngineOptions;
import io.inmesh.engine.MeshEngine;
import io.inmesh.engine.telemetry.MeshMetrics;
import io.inmesh.engine.telemetry.MetricsSetting;
import io.inmesh.engine.telemetry.OtelMeshMetrics;
import io.inmesh.instrumentation.api.MeshAccess;
import io.inmesh.model.MeshConfigSource;

/**
 * Where the mesh itself starts: the configuration source (xDS client or local file), the metrics
 * exporter and the engine, on a background agent thread so that their start-up cost (protobuf
 * descriptors alone take ~0.6 s) never delays the application's {@code main}. Calls the app makes
 * meanwhile wait for the engine up to {@code MESH_START_WAIT} (see {@link MeshAccess}); without a
 * configured mesh nothing waits and every hook passes traffic through.
 *
 * <p>Everything run from this thread is bypassed by the hooks (see {@link AgentThreads}), and so
 * are the threads it starts, which inherit the agent's thread group.
 */
public final class MeshRuntime {
  private MeshRuntime() {}

  public static void start(MeshConfig config) {
    if (!ConfigSources.configured(config)) {
      // The startup line already says config=none: with nothing configured, one line in all.
      MeshLog.debug(
          "no mesh configured (MESH_XDS_SERVER or MESH_CONFIG): all traffic passes through");
      return;
    }
    // Before main runs: the app's first calls must find the mesh loading, not absent; its first
    // lookups of mesh names also wait for the hooks (the DNS resolver starts with them).
    MeshAccess.starting(config.startWait().toNanos());
    DnsBridge.holdUntilSettled(config.startWait().toNanos());
    // Not a lambda: this runs before main (see NamedTypes).
    AgentThreads.newThread(
            new Runnable() {
              @Override
              public void run() {
                MeshRuntime.run(config);
              }
            },
            "runtime")
        .start();
  }

  private static void run(MeshConfig config) {
    try {
      MeshConfigSource source = ConfigSources.open(config);
      if (source == null) {
        return; // start() saw a source configured, so this is unreachable; stay safe anyway
      }
      MeshEngine engine =
          new MeshEngine(source, EngineOptions.defaults().withMetrics(metrics(config.metrics())));
      MeshAccess.install(engine);
      MeshLog.debug("mesh engine ready on " + config.source());
    } catch (Throwable t) {
      // Fail open: without an engine every hook passes traffic through.
      MeshLog.error("mesh runtime failed; hooks pass traffic through: " + t, t);
    } finally {
      MeshAccess.settle();
    }
  }

  private static MeshMetrics metrics(MetricsSetting setting) {
    if (setting.kind() == MetricsSetting.Kind.OFF) {
      return MeshMetrics.noop();
    }
    try {
      MeshMetrics metrics = OtelMeshMetrics.start(setting, AgentThreads.factory("metrics"));
      MeshLog.info(
          setting.kind() == MetricsSetting.Kind.PROMETHEUS
              ? "metrics: Prometheus on http://"
                  + setting.host()
                  + ":"
                  + setting.port()
                  + "/metrics"
              : "metrics: OTLP to " + setting.endpoint());
      return metrics;
    } catch (RuntimeException e) {
      // A taken port or a bad endpoint must not take the mesh down with it.
      MeshLog.warn("metrics could not start (" + e + "); running without them");
      return MeshMetrics.noop();
    }
  }
}
