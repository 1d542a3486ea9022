package io.inmesh.agent.tooling;

import io.inmesh.bootstrap.MeshLog;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the JDK packages the agent needs, once, at start. Advice woven into a JDK module calls the
 * bridge in the bootstrap loader's unnamed module, which a named module does not read by default;
 * the read edge is added per transformed type by {@code AgentBuilder.assureReadEdgeTo}. Here we
 * open packages to the agent's own code: java.lang for injecting helper classes into application
 * class loaders, and the networking internals that bridge implementations may need to inspect.
 */
final class ModuleOpener {
  /** module → packages opened to the agent (and the bridge). The one place to add to. */
  private static final Map<String, List<String>> OPENS =
      Map.of(
          "java.base", List.of("java.lang", "java.net", "sun.nio.ch"),
          "java.net.http", List.of("jdk.internal.net.http"));

  private ModuleOpener() {}

  static void open(Instrumentation inst, Module agent, Module bridge) {
    for (Map.Entry<String, List<String>> entry : OPENS.entrySet()) {
      Optional<Module> module = ModuleLayer.boot().findModule(entry.getKey());
      if (module.isEmpty()) {
        continue;
      }
      Map<String, Set<Module>> opens = new HashMap<>();
      for (String pkg : entry.getValue()) {
        opens.put(pkg, Set.of(agent, bridge));
      }
      try {
        inst.redefineModule(module.get(), Set.of(bridge), Map.of(), opens, Set.of(), Map.of());
      } catch (RuntimeException e) {
        MeshLog.warn("could not open " + entry.getKey() + " " + entry.getValue() + ": " + e, e);
      }
    }
  }
}
