package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshRoutingTest {
  @TempDir Path dir;

  @Test
  void findsTheHttpClientModuleInTheAgentsIsolatedTree() throws Exception {
    Path jar =
        jar(
            "inst/" + MeshRouting.SERVICE_FILE,
            "io.inmesh.x.DnsModule\nio.inmesh.instrumentation.jdkhttpclient.JdkHttpClientModule\n");
    assertThat(MeshRouting.missingIn(jar)).isNull();
  }

  @Test
  void saysWhatIsThereWhenItIsMissing() throws Exception {
    Path jar =
        jar("inst/" + MeshRouting.SERVICE_FILE, "io.inmesh.agent.testprobe.TestProbeModule\n");
    assertThat(MeshRouting.missingIn(jar))
        .contains("has no jdk-httpclient instrumentation yet")
        .contains("io.inmesh.agent.testprobe.TestProbeModule");
    assertThat(MeshRouting.missingIn(dir.resolve("absent.jar"))).contains("no agent jar at");
  }

  private Path jar(String entry, String content) throws Exception {
    Path jar = dir.resolve("agent.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(entry));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
