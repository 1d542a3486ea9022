package io.inmesh.agent.config;

import java.util.Locale;

/**
 * Every setting of the agent, in one place: README's settings table is checked against this list by
 * a test. Each is a system property {@code mesh.x.y} and an environment variable {@code MESH_X_Y};
 * the property wins.
 */
public enum Setting {
  ENABLED(
      "mesh.enabled",
      "true",
      "true|false",
      "Kill switch: false transforms no class and starts nothing."),
  XDS_SERVER(
      "mesh.xds.server",
      "",
      "host:port",
      "ADS server to fetch xDS resources from. Unset: the local configuration is used."),
  XDS_PROTOCOL("mesh.xds.protocol", "sotw", "sotw|delta", "xDS variant spoken to the ADS server."),
  CONFIG(
      "mesh.config",
      "",
      "path to a readable file",
      "Local file of xDS resources, used when no server is set. Neither set: no mesh, every call passes through."),
  XDS_LISTENERS(
      "mesh.xds.listeners",
      "",
      "comma list of host:port",
      "Listeners subscribed at start, before the app calls them (others are asked for on first use)."),
  XDS_CACHE(
      "mesh.xds.cache",
      "",
      "path of a file",
      "Last-known-good config, written on every accepted change and read at start, so a restart while the control plane is down keeps the mesh."),
  XDS_TLS_CA(
      "mesh.xds.tls.ca",
      "",
      "path to a PEM file",
      "CA to verify the ADS server with; set to use TLS. Unset: plaintext."),
  XDS_TLS_CERT(
      "mesh.xds.tls.cert",
      "",
      "path to a PEM file",
      "Client certificate for mutual TLS to the ADS server (with mesh.xds.tls.key)."),
  XDS_TLS_KEY(
      "mesh.xds.tls.key",
      "",
      "path to a PEM PKCS#8 file",
      "Private key of the client certificate."),
  START_WAIT(
      "mesh.start.wait",
      "5s",
      "duration: 500ms, 5s, 0",
      "How long the app's calls made while the configured mesh is still loading wait for it, in all; then they pass through."),
  METRICS(
      "mesh.metrics",
      "off",
      "off|prometheus[:[host:]port]|otlp[:url]",
      "Mesh metrics (requests, retries, faults, overflows, ejections): a Prometheus endpoint, on 127.0.0.1:9464 unless a host is given, or OTLP/HTTP export."),
  DNS_ANSWER(
      "mesh.dns.answer",
      "virtual",
      "virtual|endpoints",
      "What a mesh name resolves to: one stable service address whose connects the agent steers, or the healthy endpoints."),
  NODE_ID("mesh.node.id", "inmesh-<pid>", "non-blank text", "xDS node id of this process."),
  SERVICE(
      "mesh.service",
      "",
      "non-blank text",
      "This workload's service name, sent as the xDS node cluster."),
  HOOKS(
      "mesh.hooks",
      "all",
      "comma list of hook names",
      "Hooks to enable; names are the instrumentation module names."),
  INSTRUMENTATION_ENABLED(
      "mesh.instrumentation.<name>.enabled",
      "true",
      "true|false",
      "Per-hook switch, applied after mesh.hooks."),
  STARTUP(
      "mesh.startup",
      "async",
      "sync|async",
      "Where ByteBuddy builds the hooks. async: on an agent thread while main starts; a hooked"
          + " class the app loads meanwhile waits for them, so no call bypasses the mesh. sync:"
          + " before main (~0.4 s later start, nothing waits afterwards). The DNS hook is in"
          + " place before main either way."),
  LOG(
      "mesh.log",
      "info",
      "error|warn|info|debug",
      "Level of the agent's own [mesh] lines on stderr."),
  TEST_PROBE(
      "mesh.test.probe",
      "",
      "class#method",
      "Test only: enables the test-probe hook on that method."),
  TEST_PROBE_FAIL(
      "mesh.test.probe.fail",
      "false",
      "true|false",
      "Test only: the test-probe advice throws, to exercise the advice error handler.");

  private final String property;
  private final String defaultValue;
  private final String accepted;
  private final String description;

  Setting(String property, String defaultValue, String accepted, String description) {
    this.property = property;
    this.defaultValue = defaultValue;
    this.accepted = accepted;
    this.description = description;
  }

  /** The system property name, e.g. {@code mesh.xds.server}. */
  public String property() {
    return property;
  }

  /** The environment variable name, e.g. {@code MESH_XDS_SERVER}. */
  public String env() {
    return envName(property);
  }

  /** The default as documented; empty when unset by default. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The accepted values, as printed when a value is rejected. */
  public String accepted() {
    return accepted;
  }

  public String description() {
    return description;
  }

  /** The naming rule: upper case, dots and dashes become underscores. */
  public static String envName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
