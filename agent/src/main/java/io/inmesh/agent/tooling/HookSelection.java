package io.inmesh.agent.tooling;

import io.inmesh.agent.config.MeshConfig;
import io.inmesh.bootstrap.MeshLog;
import io.inmesh.instrumentation.api.InstrumentationModule;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Finds the instrumentation modules (ServiceLoader, agent class loader) and keeps those switched
 * on: named in {@code mesh.hooks} (default: all that are on by default), and not turned off by
 * {@code mesh.instrumentation.<name>.enabled=false}.
 */
public final class HookSelection {
  private HookSelection() {}

  /** The enabled modules; bad names and values are passed to {@code problems}. */
  public static List<InstrumentationModule> select(MeshConfig config, Consumer<String> problems) {
    List<InstrumentationModule> all = new ArrayList<>();
    for (InstrumentationModule module :
        ServiceLoader.load(InstrumentationModule.class, HookSelection.class.getClassLoader())) {
      all.add(module);
    }
    return select(all, config, problems);
  }

  static List<InstrumentationModule> select(
      List<InstrumentationModule> all, MeshConfig config, Consumer<String> problems) {
    Set<String> known = new TreeSet<>();
    for (InstrumentationModule module : all) {
      known.add(module.name());
    }
    Set<String> requested = config.hooks();
    List<String> unknown = MeshConfig.unknownHooks(requested, known);
    if (!unknown.isEmpty()) {
      problems.accept(
          config.settings().lookup("mesh.hooks").source()
              + " names unknown hook(s) "
              + unknown
              + " (accepted: comma list of "
              + String.join(", ", known)
              + "); they are ignored");
    }
    UnaryOperator<String> lookup = config.settings();
    List<InstrumentationModule> enabled = new ArrayList<>();
    for (InstrumentationModule module : all) {
      boolean on =
          requested == null ? module.enabledByDefault(lookup) : requested.contains(module.name());
      on = config.parseBool("mesh.instrumentation." + module.name() + ".enabled", on, problems);
      if (on) {
        enabled.add(module);
      } else {
        MeshLog.debug("hook " + module.name() + " is off");
      }
    }
    return enabled;
  }

  /** Module names for the startup line. */
  public static List<String> names(List<InstrumentationModule> modules) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      names.add(module.name());
    }
    return names;
  }
}
