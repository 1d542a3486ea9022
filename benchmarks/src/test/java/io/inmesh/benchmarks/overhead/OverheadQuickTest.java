package io.inmesh.benchmarks.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the overhead harness's {@code --quick} mode for real (forked backend, clients, haproxy and
 * both agents) and checks that every variant produced figures and that the mesh variant's calls
 * really went through the mesh.
 */
class OverheadQuickTest {
  private static final Path MESH_JAR = Path.of("../agent/target/mesh.jar");
  private static final Path OTEL_JAR = Path.of("target/otel/opentelemetry-javaagent.jar");

  @Test
  void quickRunMeasuresEveryVariantAndTheMeshVariantGoesThroughTheMesh(@TempDir Path dir)
      throws Exception {
    assertThat(MESH_JAR).as("mesh.jar is built before this module").isRegularFile();
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--quick", "--agent", MESH_JAR.toString()));
    args.addAll(List.of("--otel-agent", OTEL_JAR.toString()));
    args.addAll(List.of("--classpath", testClassPath()));
    args.addAll(List.of("--work-dir", dir.toString(), "--out", dir.resolve("r.md").toString()));
    Options options = Options.parse(args.toArray(String[]::new));

    OverheadReport report = OverheadBenchmark.run(options);

    assertThat(report.failures()).isEmpty();
    List<String> expected = new ArrayList<>(Variant.NAMES);
    if (HaproxyProcess.find() == null) {
      // Without haproxy the variant is skipped with a note, not silently.
      expected.remove(Variant.HAPROXY);
      assertThat(report.notes()).anyMatch(n -> n.contains("haproxy"));
    }
    if (!Files.isRegularFile(OTEL_JAR)) {
      expected.remove(Variant.OTEL);
      assertThat(report.notes()).anyMatch(n -> n.contains("OpenTelemetry"));
    }
    assertThat(report.results())
        .extracting(RunResult::variant)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (RunResult run : report.results()) {
      assertThat(run.client()).isEqualTo("jdk");
      assertThat(run.get("fixedCalls")).as(run.variant()).isPositive();
      assertThat(run.get("satCalls")).as(run.variant()).isPositive();
      assertThat(run.get("fixedP50Us")).as(run.variant()).isPositive();
      assertThat(run.get("satP50Us")).as(run.variant()).isPositive();
      assertThat(run.get("satCpuUsPerCall")).as(run.variant()).isPositive();
      assertThat(run.get("rssKb")).as(run.variant()).isPositive();
      assertThat(run.get("startupMs")).as(run.variant()).isPositive();
      assertThat(run.get("errors")).as(run.variant()).isZero();
      // Every successful call the client made reached the backend under this variant's path (a
      // client may resend a GET whose keep-alive connection closed under it: allow a few more).
      assertThat(run.get("backendCalls"))
          .as(run.variant())
          .isBetween(run.get("totalCalls"), run.get("totalCalls") * 1.01 + 10);
    }
    // The mesh variant calls svc:<port>, a name only the agent resolves and a port nothing
    // listens on: calls can only have reached the backend because the mesh routed them.
    RunResult mesh = report.runs(Variant.MESH, "jdk").get(0);
    assertThat(mesh.get("backendCalls")).isGreaterThan(100);
    assertThat(report.median(Variant.MESH, "jdk", "fixedP50Us")).isPresent();
    String markdown = Files.readString(dir.resolve("r.md"));
    assertThat(markdown).contains("| direct |", "| mesh |", "Goals (mesh vs direct, jdk)");
  }

  /** The class path of this test's JVM as surefire built it (not its manifest-only booter jar). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
