package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.samples.controlplane.MeshSpec;
import io.inmesh.samples.controlplane.MeshYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoMeshTest {
  private final DemoMesh mesh = new DemoMesh(Map.of("v1", 1001, "v2", 1002, "v3", 1003), 1004);

  @Test
  void bothPhasesAreMeshesTheControlPlaneAccepts() throws Exception {
    MeshSpec first = new MeshYamlParser().parse(mesh.render(DemoMesh.FIRST_SPLIT));
    MeshSpec.Service reviews = first.services().get("reviews");
    assertThat(reviews.routes().get(1).split())
        .containsExactly(Map.entry("v1", 50), Map.entry("v2", 30), Map.entry("v3", 20));
    assertThat(reviews.versions().get("v2"))
        .containsExactly(new MeshSpec.Endpoint("127.0.0.1", 1002));
    assertThat(reviews.retries().orElseThrow().attempts()).isEqualTo(2);
    assertThat(first.services().get("ratings").circuitBreaker().orElseThrow().maxRequests())
        .contains(2);
    // v1 fails in pairs: two 5xx in a row eject it, and a one-host cluster needs 100 % to eject.
    MeshSpec.OutlierDetection od = reviews.outlierDetection().orElseThrow();
    assertThat(od.consecutive5xx()).isEqualTo(DemoMesh.V1_FAIL_BURST);
    assertThat(od.maxEjectionPercent()).contains(100);

    MeshSpec second = new MeshYamlParser().parse(mesh.render(DemoMesh.SECOND_SPLIT));
    assertThat(second.services().get("reviews").routes().get(1).split())
        .containsExactly(Map.entry("v3", 100));
  }

  @Test
  void sharesCoverEveryVersion() {
    assertThat(DemoMesh.shares(DemoMesh.SECOND_SPLIT))
        .containsExactly(Map.entry("v1", 0.0), Map.entry("v2", 0.0), Map.entry("v3", 1.0));
    assertThat(DemoMesh.describe(DemoMesh.FIRST_SPLIT)).isEqualTo("v1 50 / v2 30 / v3 20");
  }

  @Test
  void writesByRenameLeavingNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mesh.yaml");
    mesh.write(file, DemoMesh.FIRST_SPLIT);
    mesh.write(file, DemoMesh.SECOND_SPLIT);
    assertThat(Files.readString(file)).contains("split: { v3: 100 }");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
