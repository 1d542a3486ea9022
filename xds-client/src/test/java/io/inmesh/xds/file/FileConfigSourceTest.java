package io.inmesh.xds.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.RouteAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigSourceTest {
  private static String config(String cluster) {
    return """
        resources:
        - '@type': type.googleapis.com/envoy.config.listener.v3.Listener
          name: shop:8080
          api_listener:
            api_listener:
              '@type': type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
              rds: {route_config_name: shop}
              http_filters:
              - name: envoy.filters.http.router
                typed_config: {'@type': type.googleapis.com/envoy.extensions.filters.http.router.v3.Router}
        - '@type': type.googleapis.com/envoy.config.route.v3.RouteConfiguration
          name: shop
          virtual_hosts:
          - name: shop
            domains: ['*']
            routes: [{match: {prefix: /}, route: {cluster: %s}}]
        - '@type': type.googleapis.com/envoy.config.cluster.v3.Cluster
          name: %s
          type: EDS
        - '@type': type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment
          cluster_name: %s
          endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: 10.0.0.1, port_value: 8080}}}}]}]
        """
        .formatted(cluster, cluster, cluster);
  }

  private static void write(Path file, String text) throws Exception {
    // Write then move, as config tools do, so the poller never sees a half-written file.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String clusterOfShop(MeshSnapshot s) {
    var route = s.routesOf(s.listeners().get("shop:8080")).virtualHosts().get(0).routes().get(0);
    return ((RouteAction.ClusterTarget.Single) ((RouteAction.Forward) route.action()).target())
        .cluster();
  }

  @Test
  void loadsAppliesChangesAndKeepsPreviousOnInvalid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mesh.yaml");
    write(file, config("v1"));
    List<String> warnings = new CopyOnWriteArrayList<>();
    BlockingQueue<MeshSnapshot> updates = new LinkedBlockingQueue<>();
    try (FileConfigSource source =
        FileConfigSource.watch(file, Duration.ofMillis(50), warnings::add)) {
      source.addListener(updates::add);
      MeshSnapshot first = source.snapshot();
      assertThat(first.listeners()).containsOnlyKeys("shop:8080");
      assertThat(clusterOfShop(first)).isEqualTo("v1");
      assertThat(first.endpointsOf(first.clusters().get("v1")).localities()).hasSize(1);
      assertThat(first.version()).startsWith("file:");

      // A name the file does not hold is absent at once, and listeners hear of it.
      MeshSnapshot afterAsk = source.requestListener("other:80").get(1, TimeUnit.SECONDS);
      assertThat(afterAsk.lookup("other:80")).isEqualTo(MeshSnapshot.Lookup.ABSENT);
      assertThat(afterAsk.lookup("shop:8080")).isEqualTo(MeshSnapshot.Lookup.FOUND);
      assertThat(updates.poll(5, TimeUnit.SECONDS).absentListeners()).containsExactly("other:80");

      write(file, config("v2"));
      MeshSnapshot changed = updates.poll(10, TimeUnit.SECONDS);
      assertThat(changed).as("a valid change is applied live").isNotNull();
      assertThat(clusterOfShop(changed)).isEqualTo("v2");
      assertThat(source.snapshot()).isSameAs(changed);
      assertThat(changed.absentListeners()).containsExactly("other:80");
      assertThat(changed.version()).isNotEqualTo(first.version());

      write(file, config("v3").replace("prefix: /", "safe_regex: {regex: '('}"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (warnings.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0))
          .contains("rejected mesh config")
          .contains(
              "resource shop: virtual_hosts[0].routes[0].match.safe_regex.regex: invalid RE2 regex")
          .contains("keeping version " + changed.version());
      assertThat(source.snapshot()).as("the previous config stays").isSameAs(changed);
      assertThat(updates).isEmpty();
    }
  }

  @Test
  void missingFileStartsEmptyAndLoadsWhenItAppears(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("later.yaml");
    List<String> warnings = new CopyOnWriteArrayList<>();
    BlockingQueue<MeshSnapshot> updates = new LinkedBlockingQueue<>();
    try (FileConfigSource source =
        FileConfigSource.watch(file, Duration.ofMillis(50), warnings::add)) {
      source.addListener(updates::add);
      assertThat(source.snapshot().listeners()).isEmpty();
      assertThat(warnings).singleElement().asString().contains("does not exist");
      assertThat(source.requestListener("shop:8080").get().lookup("shop:8080"))
          .isEqualTo(MeshSnapshot.Lookup.ABSENT);
      write(file, config("c"));
      MeshSnapshot loaded = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        MeshSnapshot s = updates.poll(100, TimeUnit.MILLISECONDS);
        if (s != null && !s.listeners().isEmpty()) {
          loaded = s;
          break;
        }
      }
      assertThat(loaded).isNotNull();
      assertThat(loaded.lookup("shop:8080"))
          .as("no longer absent")
          .isEqualTo(MeshSnapshot.Lookup.FOUND);
      assertThat(loaded.absentListeners()).isEmpty();
    }
  }

  @Test
  void classpathDefault() throws Exception {
    try (FileConfigSource source =
        FileConfigSource.fromClasspath(
            "inmesh/test-mesh.yaml", getClass().getClassLoader(), w -> {})) {
      assertThat(source.snapshot().clusters()).containsOnlyKeys("embedded");
      assertThat(
              source
                  .snapshot()
                  .endpointsOf(source.snapshot().clusters().get("embedded"))
                  .localities())
          .hasSize(1);
    }
    assertThatThrownBy(
            () ->
                FileConfigSource.fromClasspath(
                    "inmesh/nope.yaml", getClass().getClassLoader(), w -> {}))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("classpath:inmesh/nope.yaml: resource not found");
  }

  @Test
  void documentLevelErrors() {
    assertThatThrownBy(() -> ConfigDocument.decode("hello: world\n", "v", "f"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "f: no xDS resources found: expected a 'resources:' list of v3 resources with @type");
    assertThatThrownBy(
            () ->
                ConfigDocument.decode(
                    "resources:\n- {'@type': type.googleapis.com/envoy.api.v2.Cluster, name: old}\n",
                    "v",
                    "f"))
        .hasMessage(
            "f: resource old: xDS v2 is not supported: type.googleapis.com/envoy.api.v2.Cluster");
    assertThatThrownBy(
            () ->
                ConfigDocument.decode(
                    "resources:\n- {'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster, name: a, type: EDS}\n"
                        + "- {'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster, name: a, type: EDS}\n",
                    "v",
                    "f"))
        .hasMessage("f: resource a: duplicate CLUSTER name");
    assertThatThrownBy(
            () ->
                ConfigDocument.decode(
                    "resources:\n- {'@type': type.googleapis.com/envoy.config.cluster.v3.Cluster, name: a, connect_timeout: soon}\n",
                    "v",
                    "f"))
        .hasMessageStartingWith(
            "f: resource a: cannot parse type.googleapis.com/envoy.config.cluster.v3.Cluster");
  }

  @Test
  void jsonDocumentAndEmptyResources() throws Exception {
    MeshSnapshot s =
        ConfigDocument.decode(
            "{\"resources\":[{\"@type\":\"type.googleapis.com/envoy.config.cluster.v3.Cluster\",\"name\":\"j\",\"type\":\"EDS\",\"connectTimeout\":\"1s\"}]}",
            "v1",
            "f");
    assertThat(s.clusters().get("j").connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ConfigDocument.decode("resources: []\n", "v0", "f").clusters()).isEmpty();
  }
}
