package io.inmesh.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Small helpers for the harness's child processes. */
final class Forks {
  private Forks() {}

  /** Neither agent may pick up settings from the caller's environment. */
  static void cleanEnvironment(Map<String, String> environment) {
    environment.keySet().removeIf(k -> k.startsWith("MESH_") || k.startsWith("OTEL_"));
  }

  /**
   * Reads stdout lines until one starts with {@code prefix}, or fails with the process's fate once
   * it exits or the time runs out.
   */
  static String awaitLine(Process process, String prefix, Duration timeout) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(
                    Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                  process.destroyForcibly(); // unblocks readLine
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "fork-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } finally {
      watchdog.interrupt();
    }
    throw new IOException(
        "no '"
            + prefix
            + "' line from "
            + process.info().command().orElse("child")
            + (System.nanoTime() - deadline > 0 ? " within " + timeout : "")
            + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")"));
  }

  /** Ends a child we started, politely first. */
  static void stop(Process process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
