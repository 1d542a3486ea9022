package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {
  @Test
  void stopsEveryChildAndItsDescendants(@TempDir Path dir) throws Exception {
    List<ProcessHandle> started = new ArrayList<>();
    try (ChildProcesses children = new ChildProcesses(dir)) {
      // A shell that starts grandchildren, like a JVM that forks: they must go too.
      ChildProcesses.Child c =
          children.start(
              "tree",
              List.of("sh", "-c", "sleep 300 & sleep 300 & echo started; wait"),
              Map.of("X", "1"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (c.process().descendants().count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      c.process().descendants().forEach(started::add);
      started.add(c.process().toHandle());
      assertThat(started).hasSize(3);
    }
    for (ProcessHandle p : started) {
      assertThat(p.isAlive()).as("pid %d", p.pid()).isFalse();
    }
  }

  @Test
  void refusesToStartOnceStopping(@TempDir Path dir) {
    ChildProcesses children = new ChildProcesses(dir);
    children.close();
    assertThatThrownBy(() -> children.start("late", List.of("true"), Map.of()))
        .hasMessageContaining("stopping");
  }
}
