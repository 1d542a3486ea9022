package io.inmesh.engine;

import static io.inmesh.engine.testing.MeshFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.telemetry.BreakerResource;
import io.inmesh.model.CircuitBreakers;
import io.inmesh.model.Listener;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.model.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PassthroughAndConnectTest {
  private static MeshSnapshot withSvc(Set<String> absent) {
    return snapshot(
        List.of(listener("svc:80", routes("rc", vhost("v", List.of("*"), prefixRoute("/", "c"))))),
        List.of(cluster("c", "10.0.0.1:80", "10.0.0.2:80")),
        absent);
  }

  @Test
  void absentNamesPassThroughAtOnceAndUnknownOnesAskTheControlPlane() {
    SwappableSource source = new SwappableSource(withSvc(Set.of("db:5432")));
    MeshEngine engine =
        new MeshEngine(source, EngineOptions.defaults().withFirstCallWait(Duration.ofMillis(20)));
    assertThat(engine.start(SimpleRequest.get("db", 5432, "/"))).isNull();
    assertThat(source.requested).isEmpty();
    assertThat(engine.isMeshService("svc", 80)).isTrue();
    assertThat(engine.isMeshService("SVC", 80)).isTrue();
    assertThat(engine.isMeshService("svc", 81)).isFalse();

    long t0 = System.nanoTime();
    assertThat(engine.start(SimpleRequest.get("new", 8080, "/")))
        .as("unknown after the wait")
        .isNull();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
    assertThat(source.requested).containsKey("new:8080");
    assertThat(engine.tryStart(SimpleRequest.get("other", 80, "/"))).isNull();
    assertThat(source.requested).containsKey("other:80");
  }

  @Test
  void aNameArrivingDuringTheWaitIsRoutedByTheFirstCall() throws Exception {
    SwappableSource source = new SwappableSource(withSvc(Set.of()));
    MeshEngine engine =
        new MeshEngine(source, EngineOptions.defaults().withFirstCallWait(Duration.ofSeconds(10)));
    MeshSnapshot later =
        snapshot(
            List.of(
                listener("svc:80", routes("rc", vhost("v", List.of("*"), prefixRoute("/", "c")))),
                listener(
                    "late:80", routes("rc2", vhost("v", List.of("*"), prefixRoute("/", "c"))))),
            List.of(cluster("c", "10.0.0.1:80")));
    CompletableFuture<MeshCall> async = engine.startAsync(SimpleRequest.get("late", 80, "/"));
    assertThat(async).isNotDone();
    Thread publisher =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                return;
              }
              source.publish(later);
            });
    publisher.start();
    MeshCall blocking = engine.start(SimpleRequest.get("late", 80, "/"));
    assertThat(blocking).isNotNull();
    assertThat(blocking.cluster()).isEqualTo("c");
    assertThat(async.get().cluster()).isEqualTo("c");
    publisher.join();
  }

  @Test
  void connectPicksTheTcpClusterAndAdmitsByMaxConnections() {
    CircuitBreakers oneConnection =
        new CircuitBreakers(
            List.of(
                new CircuitBreakers.Thresholds(
                    CircuitBreakers.RoutingPriority.DEFAULT, 1, 1024, 1024, 3, null)));
    Listener tcp = new Listener("redis:6379", new SocketAddress("10.96.0.7", 6379), null, "redis");
    MeshSnapshot s =
        snapshot(
            List.of(
                tcp,
                listener("svc:80", routes("rc", vhost("v", List.of("*"), prefixRoute("/", "c"))))),
            List.of(
                cluster("redis", oneConnection, "10.1.0.1:6379", "10.1.0.2:6379"),
                cluster("c", "10.0.0.1:8080")));
    MeshEngine engine =
        new MeshEngine(io.inmesh.model.MeshConfigSource.fixed(s), EngineOptions.defaults());

    MeshConnection byAddress = engine.connect("10.96.0.7", 6379);
    assertThat(byAddress.refusal()).isNull();
    assertThat(byAddress.endpoint().port()).isEqualTo(6379);
    assertThat(byAddress.connectTimeoutMillis()).isEqualTo(250);
    assertThat(engine.connect("redis", 6379).refusal()).isEqualTo(MeshConnection.Refusal.OVERFLOW);
    SocketAddress first = byAddress.endpoint();
    SocketAddress second = byAddress.onConnectFailure();
    assertThat(second).isNotNull().isNotEqualTo(first);
    byAddress.onConnected();
    byAddress.close();
    assertThat(
            engine
                .upstreams()
                .cluster("redis")
                .active(BreakerResource.CONNECTIONS, CircuitBreakers.RoutingPriority.DEFAULT))
        .isZero();
    MeshConnection again = engine.connect("redis", 6379);
    assertThat(again.refusal()).isNull();
    again.close();

    MeshConnection http = engine.connect("svc", 80);
    assertThat(http.endpoint()).isEqualTo(new SocketAddress("10.0.0.1", 8080));
    http.close();
    assertThat(engine.connect("unknown.example", 443)).isNull();
  }
}
