package io.inmesh.samples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Whether an agent jar routes {@code java.net.http} calls by service name: it lists an
 * instrumentation module for the JDK HttpClient ({@code jdk-httpclient}) in its service file.
 */
final class MeshRouting {
  static final String SERVICE_FILE =
      "META-INF/services/io.inmesh.instrumentation.api.InstrumentationModule";

  private MeshRouting() {}

  /** Null when the jar routes HTTP; otherwise why not, for the skip message. */
  static String missingIn(Path agentJar) throws IOException {
    if ("true".equals(System.getProperty("inmesh.http.routing"))) {
      return null;
    }
    if (!Files.isRegularFile(agentJar)) {
      return "no agent jar at " + agentJar + " (build it: ./mvnw -B -pl agent -am install)";
    }
    StringBuilder modules = new StringBuilder();
    try (JarFile jar = new JarFile(agentJar.toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (!e.getName().endsWith(SERVICE_FILE)) {
          continue;
        }
        try (InputStream in = jar.getInputStream(e)) {
          String listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          for (String line : listing.split("\n")) {
            String normalized = line.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (normalized.contains("jdkhttpclient") || normalized.contains("javahttpclient")) {
              return null;
            }
            if (!line.isBlank()) {
              modules.append(' ').append(line.trim());
            }
          }
        }
      }
    }
    return agentJar
        + " has no jdk-httpclient instrumentation yet (modules:"
        + (modules.length() == 0 ? " none" : modules)
        + "); set -Dinmesh.http.routing=true to run anyway";
  }
}
