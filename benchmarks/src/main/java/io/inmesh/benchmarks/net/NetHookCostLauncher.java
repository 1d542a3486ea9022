package io.inmesh.benchmarks.net;

import io.inmesh.benchmarks.TcpServiceConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost of a name lookup and of a connect with and without the agent (issue #6's goal: pass-through
 * adds ≤ 1 µs), in forked JVMs: {@link NetHookCost} without the agent, then with {@code
 * -javaagent:mesh.jar} and a {@code MESH_CONFIG} of one TCP service. Prints each case's ns/op and
 * the ratio to the same case without the agent (mesh cases against their plain counterpart).
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes io.inmesh.benchmarks.net.NetHookCostLauncher
 * agent/target/mesh.jar [rounds]}.
 */
public final class NetHookCostLauncher {
  private NetHookCostLauncher() {}

  public static void main(String[] args) throws Exception {
    Path meshJar = Path.of(args.length > 0 ? args[0] : "agent/target/mesh.jar").toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = Files.createTempFile("netcost", ".json");
    Files.writeString(
        config, TcpServiceConfig.json("bench-svc", 7000, port), StandardCharsets.UTF_8);
    try {
      // Rounds interleave the two variants so that a noisy neighbour hits both alike.
      for (int round = 1; round <= rounds; round++) {
        Map<String, Long> plain = run(null, config, port, false);
        Map<String, Long> agent = run(meshJar, config, port, true);
        System.out.println("round " + round);
        for (Map.Entry<String, Long> e : agent.entrySet()) {
          String baseline = e.getKey().replace("-mesh", "-other");
          long base = plain.get(baseline);
          System.out.printf(
              "  %-14s no agent %8d ns   agent %8d ns   ratio %.2f   delta %+d ns%n",
              e.getKey(), base, e.getValue(), e.getValue() / (double) base, e.getValue() - base);
        }
      }
    } finally {
      Files.deleteIfExists(config);
    }
  }

  private static Map<String, Long> run(Path agent, Path config, int port, boolean withMesh)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agent != null) {
      cmd.add("-javaagent:" + agent);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(NetHookCost.class.getName());
    cmd.add(String.valueOf(port));
    cmd.add("bench-svc");
    cmd.add("7000");
    cmd.add(String.valueOf(withMesh));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("MESH_CONFIG", config.toString());
    pb.environment().put("MESH_LOG", "error");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("benchmark JVM failed: " + out);
    }
    Map<String, Long> result = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] kv = line.trim().split(" ");
      if (kv.length == 2) {
        result.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return result;
  }
}
