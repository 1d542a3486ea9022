package io.inmesh.agent.config;

import io.inmesh.bootstrap.MeshLog;
import io.inmesh.engine.telemetry.MetricsSetting;
import io.inmesh.xds.XdsTls;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The validated agent configuration, immutable. A bad value never stops the application: it is
 * reported in one line naming the variable and the accepted values, and the default is used
 * instead.
 */
public final class MeshConfig {
  /** xDS variant. */
  public enum XdsProtocol {
    SOTW,
    DELTA
  }

  private final Settings settings;
  private final boolean enabled;
  private final HostPort xdsServer;
  private final XdsProtocol xdsProtocol;
  private final File configFile;
  private final String nodeId;
  private final String service;
  private final Set<String> hooks;
  private final MeshLog.Level logLevel;
  private final boolean asyncStartup;
  private final List<String> xdsListeners;
  private final Duration startWait;
  private final MetricsSetting metrics;

  private MeshConfig(Settings settings, Consumer<String> problems) {
    this.settings = settings;
    this.enabled = bool(Setting.ENABLED, problems);
    this.logLevel = logLevel(problems);
    this.xdsServer = xdsServer(problems);
    this.xdsProtocol = protocol(problems);
    this.configFile = configFile(problems);
    this.service = text(Setting.SERVICE, "");
    this.nodeId = text(Setting.NODE_ID, null);
    this.hooks = parseHooks();
    this.asyncStartup = asyncStartup(problems);
    this.xdsListeners = xdsListeners(problems);
    this.startWait = duration(Setting.START_WAIT, problems);
    this.metrics = metrics(problems);
  }

  /** Reads and validates {@code settings}; each rejected value is passed to {@code problems}. */
  public static MeshConfig load(Settings settings, Consumer<String> problems) {
    return new MeshConfig(settings, problems);
  }

  /** The one-line message for a rejected value. */
  public static String invalid(Settings.Value value, String accepted, String fallback) {
    return value.source()
        + "="
        + value.value()
        + " is invalid (accepted: "
        + accepted
        + "); "
        + fallback;
  }

  private boolean bool(Setting setting, Consumer<String> problems) {
    return parseBool(setting.property(), Boolean.parseBoolean(setting.defaultValue()), problems);
  }

  /** A true|false setting; anything else is reported and replaced by {@code fallback}. */
  public boolean parseBool(String property, boolean fallback, Consumer<String> problems) {
    Settings.Value value = settings.lookup(property);
    if (value == null) {
      return fallback;
    }
    if (value.value().equalsIgnoreCase("true") || value.value().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.value().toLowerCase(Locale.ROOT));
    }
    problems.accept(invalid(value, "true|false", "using " + fallback));
    return fallback;
  }

  private MeshLog.Level logLevel(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.LOG.property());
    if (value == null) {
      return MeshLog.Level.INFO;
    }
    MeshLog.Level level = MeshLog.parse(value.value());
    if (level == null) {
      problems.accept(invalid(value, Setting.LOG.accepted(), "using info"));
      return MeshLog.Level.INFO;
    }
    return level;
  }

  private HostPort xdsServer(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.XDS_SERVER.property());
    if (value == null) {
      return null;
    }
    HostPort parsed = HostPort.parse(value.value());
    if (parsed == null) {
      problems.accept(
          invalid(
              value,
              "host:port, e.g. xds.example:15010",
              "ignored, using the local configuration"));
    }
    return parsed;
  }

  private XdsProtocol protocol(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.XDS_PROTOCOL.property());
    if (value == null) {
      return XdsProtocol.SOTW;
    }
    for (XdsProtocol candidate : XdsProtocol.values()) {
      if (candidate.name().equalsIgnoreCase(value.value())) {
        return candidate;
      }
    }
    problems.accept(invalid(value, Setting.XDS_PROTOCOL.accepted(), "using sotw"));
    return XdsProtocol.SOTW;
  }

  private boolean asyncStartup(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.STARTUP.property());
    if (value == null || value.value().equalsIgnoreCase("async")) {
      return true;
    }
    if (value.value().equalsIgnoreCase("sync")) {
      return false;
    }
    problems.accept(invalid(value, Setting.STARTUP.accepted(), "using async"));
    return true;
  }

  private List<String> xdsListeners(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.XDS_LISTENERS.property());
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    for (String name : value.value().split(",")) {
      String trimmed = name.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (HostPort.parse(trimmed) == null) {
        problems.accept(invalid(value, Setting.XDS_LISTENERS.accepted(), "ignoring " + trimmed));
      } else {
        names.add(trimmed);
      }
    }
    return names;
  }

  /** A duration such as {@code 500ms}, {@code 5s} or {@code 0}; anything else gets the default. */
  private Duration duration(Setting setting, Consumer<String> problems) {
    Duration fallback = parseDuration(setting.defaultValue());
    Settings.Value value = settings.lookup(setting.property());
    if (value == null) {
      return fallback;
    }
    Duration parsed = parseDuration(value.value());
    if (parsed == null) {
      problems.accept(invalid(value, setting.accepted(), "using " + setting.defaultValue()));
      return fallback;
    }
    return parsed;
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  private MetricsSetting metrics(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.METRICS.property());
    if (value == null) {
      return MetricsSetting.OFF;
    }
    try {
      return MetricsSetting.parse(value.value());
    } catch (IllegalArgumentException e) {
      problems.accept(invalid(value, Setting.METRICS.accepted(), "metrics off"));
      return MetricsSetting.OFF;
    }
  }

  private File configFile(Consumer<String> problems) {
    Settings.Value value = settings.lookup(Setting.CONFIG.property());
    if (value == null) {
      return null;
    }
    File file = new File(value.value());
    if (!file.isFile() || !file.canRead()) {
      problems.accept(invalid(value, Setting.CONFIG.accepted(), "no such readable file, ignored"));
      return null;
    }
    return file;
  }

  private String text(Setting setting, String fallback) {
    String value = settings.get(setting.property());
    return value == null ? fallback : value;
  }

  private Set<String> parseHooks() {
    String value = settings.get(Setting.HOOKS.property());
    if (value == null || value.equalsIgnoreCase("all")) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** Raw settings, for module-specific ones such as {@code mesh.instrumentation.<name>.enabled}. */
  public Settings settings() {
    return settings;
  }

  /** {@code MESH_XDS_LISTENERS}: listener names to subscribe at start. */
  public List<String> xdsListeners() {
    return xdsListeners;
  }

  /** {@code MESH_XDS_CACHE}, or null. */
  public Path xdsCache() {
    return path(Setting.XDS_CACHE);
  }

  /** TLS to the ADS server, or null for plaintext (no CA set). */
  public XdsTls xdsTls() {
    Path ca = path(Setting.XDS_TLS_CA);
    return ca == null
        ? null
        : new XdsTls(ca, path(Setting.XDS_TLS_CERT), path(Setting.XDS_TLS_KEY));
  }

  /** {@code MESH_START_WAIT}. */
  public Duration startWait() {
    return startWait;
  }

  /** {@code MESH_METRICS}. */
  public MetricsSetting metrics() {
    return metrics;
  }

  private Path path(Setting setting) {
    String value = settings.get(setting.property());
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  public boolean enabled() {
    return enabled;
  }

  /** The ADS server, or null when none (or a malformed one) was set. */
  public HostPort xdsServer() {
    return xdsServer;
  }

  public XdsProtocol xdsProtocol() {
    return xdsProtocol;
  }

  /** The local resource file, or null when none is set. */
  public File configFile() {
    return configFile;
  }

  /**
   * The xDS node id: {@code MESH_NODE_ID}, else {@code inmesh-<pid>}. The default is computed when
   * asked (by the xDS client, after main starts): {@code ProcessHandle} costs ~15 ms to initialise.
   */
  public String nodeId() {
    return nodeId != null ? nodeId : "inmesh-" + ProcessHandle.current().pid();
  }

  /** The service name (xDS node cluster); empty when unset. */
  public String service() {
    return service;
  }

  /** Hook names requested by {@code MESH_HOOKS}, or null for all. */
  public Set<String> hooks() {
    return hooks;
  }

  /** True when hooks are installed on an agent thread instead of before main. */
  public boolean asyncStartup() {
    return asyncStartup;
  }

  public MeshLog.Level logLevel() {
    return logLevel;
  }

  /** Where the mesh configuration comes from, for the startup line. */
  public String source() {
    if (xdsServer != null) {
      return "xds " + xdsProtocol.name().toLowerCase(Locale.ROOT) + "://" + xdsServer;
    }
    if (configFile != null) {
      return "file " + configFile;
    }
    return "none";
  }

  /** Hook names, checked against those discovered: unknown ones are reported and dropped. */
  public static List<String> unknownHooks(Set<String> requested, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    if (requested != null) {
      for (String name : requested) {
        if (!known.contains(name)) {
          unknown.add(name);
        }
      }
    }
    return unknown;
  }
}
