package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about where it ran: figures mean little without it. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe(String java) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    facts.put("cpu", cpuModel());
    facts.put("kernel", firstLine("/proc/sys/kernel/osrelease"));
    facts.put("load average at start", firstLine("/proc/loadavg"));
    facts.put("java", firstLineOf(java, "-version"));
    return facts;
  }

  static String haproxyVersion() {
    Path binary = HaproxyProcess.find();
    return binary == null ? "-" : firstLineOf(binary.toString(), "-v");
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).get(0).trim();
    } catch (IOException | IndexOutOfBoundsException e) {
      return "?";
    }
  }

  private static String firstLineOf(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String first =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("?");
      p.waitFor();
      return first;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
