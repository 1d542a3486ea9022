package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Runs the demo launcher in its own JVM, as demo.sh does, and reads what it left. */
final class DemoProcess {
  final int exitCode;
  final String output;
  final Properties report = new Properties();

  private DemoProcess(int exitCode, String output, Path reportFile) throws IOException {
    this.exitCode = exitCode;
    this.output = output;
    if (Files.exists(reportFile)) {
      try (Reader r = Files.newBufferedReader(reportFile)) {
        report.load(r);
      }
    }
  }

  static DemoProcess run(Path dir, long waitSeconds, String... args) throws Exception {
    Path out = dir.resolve("demo-output.txt");
    Path reportFile = dir.resolve("report.properties");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Demo.class.getName()));
    cmd.addAll(Arrays.asList(args));
    cmd.addAll(List.of("--report-file", reportFile.toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(waitSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "the demo did not end by itself in " + waitSeconds + " s:\n" + Files.readString(out));
    }
    return new DemoProcess(p.exitValue(), Files.readString(out), reportFile);
  }

  /** The demo reported at least {@code minChildren} children and every one of them is gone. */
  void assertNoChildLeft(int minChildren) {
    String pids = report.getProperty("children.pids", "");
    assertThat(pids.isBlank() ? new String[0] : pids.split(" "))
        .as("children reported by the demo; output:\n%s", output)
        .hasSizeGreaterThanOrEqualTo(minChildren);
    for (String pid : pids.split(" ")) {
      assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
          .as("child %s still alive; output:\n%s", pid, output)
          .isFalse();
    }
  }
}
