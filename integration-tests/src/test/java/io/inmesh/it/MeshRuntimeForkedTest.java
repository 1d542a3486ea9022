package io.inmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.it.http.Backends;
import io.inmesh.it.http.Mesh;
import io.inmesh.it.http.MeshRoute;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mesh runtime as an app meets it: its first calls, and the metrics it exports. */
class MeshRuntimeForkedTest {
  private final Backends backends = new Backends();
  private Backends.Backend backend;
  @TempDir Path tmp;
  private Path config;

  @BeforeEach
  void meshInAFile() throws Exception {
    backend = backends.start("first-a");
    Mesh mesh = new Mesh();
    mesh.service("first", 9080).route(MeshRoute.prefix("/").to("first"));
    mesh.cluster("first", backend.port());
    config = tmp.resolve("mesh.json");
    Files.writeString(config, mesh.toJson());
  }

  @AfterEach
  void stop() {
    backends.close();
  }

  private ForkedJvm app(String... args) {
    return ForkedJvm.app(Jdk.require(17), "io.inmesh.it.apps.FirstCallApp")
        .withMeshAgent()
        .env("MESH_CONFIG", config.toString())
        .args(args);
  }

  @Test
  void callMadeFirstThingInMainWaitsForTheMeshToLoad() throws Exception {
    // Loading the file (protobuf descriptors, decoding) takes longer than the JVM takes to reach
    // main: without the start wait this call passed through and `first` did not resolve (seen with
    // MESH_START_WAIT=0; not a test of its own, as it rests on the runtime losing that race).
    ForkedJvm.Result r = app("http://first:9080/boot").run();

    assertThat(r.stdout()).as(r.toString()).contains("CALL 200 first-a");
    assertThat(backend.count()).isEqualTo(1);
    assertThat(backend.last().host()).isEqualTo("first:9080");
  }

  /**
   * The DNS hook is woven before main, the rest of the hooks and the mesh come later: a lookup made
   * first thing must wait for both and answer the mesh's stable virtual address (127.255/16, which
   * only the connect hook can reach), not fail as an unknown name nor hand out an address before
   * the connect hook that steers it is in.
   */
  @Test
  void lookupMadeFirstThingInMainWaitsForTheHooksAndTheMesh() throws Exception {
    ForkedJvm.Result r = app("dns", "first").run();

    assertThat(r.stdout()).as(r.toString()).startsWith("RESOLVED [first/127.255.");
  }

  @Test
  void metricsAreServedOnLoopbackWhenConfigured() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ForkedJvm.Result r =
        app("http://first:9080/m", "4", "http://127.0.0.1:" + port + "/metrics")
            .env("MESH_METRICS", "prometheus:" + port)
            .run();

    List<String> counts =
        r.stdout()
            .lines()
            .filter(l -> l.startsWith("METRIC inmesh_request_duration_seconds_count{"))
            .filter(l -> l.contains("cluster=\"first\"") && l.contains("outcome=\"success\""))
            .toList();
    assertThat(counts).as(r.toString()).hasSize(1);
    assertThat(Double.parseDouble(counts.get(0).substring(counts.get(0).lastIndexOf(' ') + 1)))
        .isEqualTo(5.0);
    assertThat(r.meshLines()).anyMatch(l -> l.contains("metrics: Prometheus on http://127.0.0.1:"));
  }
}
