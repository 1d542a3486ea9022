package io.inmesh.samples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshYamlParserTest {
  private final MeshYamlParser parser = new MeshYamlParser();

  @Test
  void readsEveryPolicyOfAService() throws Exception {
    MeshSpec mesh = parser.parse(SampleControlPlaneTest.MESH);
    MeshSpec.Service reviews = mesh.services().get("reviews");
    assertThat(mesh.services()).containsOnlyKeys("reviews", "ratings");
    assertThat(reviews.port()).isEqualTo(9080);
    assertThat(reviews.versions().get("v2"))
        .containsExactly(
            new MeshSpec.Endpoint("127.0.0.1", 19082), new MeshSpec.Endpoint("127.0.0.1", 19092));
    assertThat(reviews.routes()).hasSize(2);
    assertThat(reviews.routes().get(0).headers()).isEqualTo(Map.of("end-user", "jason"));
    assertThat(reviews.routes().get(1).split())
        .containsExactly(Map.entry("v1", 50), Map.entry("v2", 30), Map.entry("v3", 20));
    assertThat(reviews.retries().orElseThrow())
        .isEqualTo(
            new MeshSpec.Retries(
                2, "5xx,connect-failure", java.util.Optional.of(Duration.ofMillis(500))));
    assertThat(reviews.timeout()).contains(Duration.ofSeconds(2));
    assertThat(reviews.fault().orElseThrow().abort().orElseThrow())
        .isEqualTo(new MeshSpec.Abort(503, 10));
    assertThat(reviews.fault().orElseThrow().delay().orElseThrow())
        .isEqualTo(new MeshSpec.Delay(Duration.ofMillis(100), 2.5));
    assertThat(reviews.circuitBreaker().orElseThrow().maxRequests()).contains(50);
    assertThat(reviews.outlierDetection().orElseThrow().consecutive5xx()).isEqualTo(3);
    assertThat(reviews.loadBalancer()).isEqualTo(MeshSpec.LoadBalancer.LEAST_REQUEST);
    assertThat(reviews.hasFaults()).isTrue();
    assertThat(mesh.services().get("ratings").hasFaults()).isFalse();
  }

  @Test
  void withoutRoutesSpreadsEvenlyOverTheVersions() throws Exception {
    MeshSpec mesh =
        parser.parse(
            "services:\n  a:\n    port: 80\n    versions: { x: [10.0.0.1:80], y: ['[::1]:81'] }\n");
    MeshSpec.Route only = mesh.services().get("a").routes().get(0);
    assertThat(only.pathPrefix()).isEqualTo("/");
    assertThat(only.split()).containsExactly(Map.entry("x", 1), Map.entry("y", 1));
    assertThat(mesh.services().get("a").versions().get("y"))
        .containsExactly(new MeshSpec.Endpoint("::1", 81));
  }

  @Test
  void namesThePlaceOfEachMistake() {
    String ok = "services:\n  a:\n    port: 80\n    versions: { v1: [127.0.0.1:80] }\n";
    assertInvalid("", "the file is empty");
    assertInvalid("services: [", "not valid YAML");
    assertInvalid("servics: {}", "servics: unknown key (allowed: services)");
    assertInvalid(ok + "    retrys: { attempts: 2 }\n", "services.a.retrys: unknown key");
    assertInvalid(
        ok.replace("port: 80", "port: eighty"),
        "services.a.port: expected an integer, got \"eighty\"");
    assertInvalid(
        ok.replace("port: 80", "port: 70000"), "services.a.port: must be between 1 and 65535");
    assertInvalid(
        ok.replace("127.0.0.1:80", "reviews-host:80"),
        "services.a.versions.v1[0]: expected an IP literal, not a host name");
    assertInvalid(
        ok + "    routes: [ { split: { v2: 100 } } ]\n",
        "services.a.routes[0].split.v2: unknown version (known: v1)");
    assertInvalid(
        ok + "    routes: [ { split: { v1: 0 } } ]\n",
        "services.a.routes[0].split: at least one weight must be positive");
    assertInvalid(
        ok + "    timeout: 2 seconds\n",
        "services.a.timeout: expected a duration such as 250ms, 2s or 1m");
    assertInvalid(
        ok + "    retries: { attempts: 2, on: '5xx,sometimes' }\n",
        "services.a.retries.on: unknown retry condition 'sometimes'");
    assertInvalid(
        ok + "    fault: { abort: { status: 503, percent: 120 } }\n",
        "services.a.fault.abort.percent: must be between 0 and 100");
    assertInvalid(ok + "    fault: {}\n", "services.a.fault: give an abort, a delay, or both");
    assertInvalid(
        ok + "    loadBalancer: fastest\n",
        "services.a.loadBalancer: expected round-robin, least-request or random");
    assertInvalid(ok + "  a:\n    port: 81\n", "duplicate key");
    assertInvalid(ok.replace("  a:", "  A_b:"), "service names are lower-case DNS labels");
  }

  private void assertInvalid(String yaml, String message) {
    assertThatThrownBy(() -> parser.parse(yaml))
        .isInstanceOf(InvalidMeshException.class)
        .hasMessageContaining(message);
  }
}
