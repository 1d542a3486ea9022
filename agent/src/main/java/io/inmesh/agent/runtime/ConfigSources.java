package io.inmesh.agent.runtime;

import io.inmesh.agent.config.HostPort;
import io.inmesh.agent.config.MeshConfig;
import io.inmesh.bootstrap.AgentThreads;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.model.MeshConfigSource;
import io.inmesh.xds.XdsConfigSource;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import io.inmesh.xds.file.FileConfigSource;

/** Chooses the configuration source from the settings: an ADS server wins over a local file. */
final class ConfigSources {
  private ConfigSources() {}

  /** Whether a server or a file is configured (a malformed one counts as not configured). */
  static boolean configured(MeshConfig config) {
    return config.xdsServer() != null || config.configFile() != null;
  }

  /** The started source, or null when neither a server nor a file is configured. */
  static MeshConfigSource open(MeshConfig config) {
    HostPort server = config.xdsServer();
    if (server != null) {
      XdsConfigSource source =
          new XdsConfigSource(
              XdsSettings.builder(server.host(), server.port())
                  .protocol(
                      config.xdsProtocol() == MeshConfig.XdsProtocol.DELTA
                          ? XdsProtocol.DELTA
                          : XdsProtocol.SOTW)
                  .nodeId(config.nodeId())
                  .service(config.service())
                  .eagerListeners(config.xdsListeners())
                  .cacheFile(config.xdsCache())
                  .tls(config.xdsTls())
                  .threadFactory(AgentThreads.factory("xds"))
                  .log(MeshLog::info)
                  .build());
      source.start();
      return source;
    }
    if (config.configFile() != null) {
      return FileConfigSource.watch(config.configFile().toPath(), MeshLog::warn);
    }
    return null;
  }
}
