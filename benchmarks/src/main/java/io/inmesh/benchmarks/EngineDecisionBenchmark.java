package io.inmesh.benchmarks;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.inmesh.engine.EngineOptions;
import io.inmesh.engine.HeaderView;
import io.inmesh.engine.MeshCall;
import io.inmesh.engine.MeshEngine;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.engine.testing.FiftyRouteMesh;
import io.inmesh.model.MeshConfigSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-call decision cost on the 50-route mesh ({@link FiftyRouteMesh}: the request
 * matches route 46; a fault filter is evaluated and never fires), single-threaded and on two
 * threads sharing one engine (the circuit-breaker counters and the round-robin cursor are then
 * contended). Goal (issue #4): at most 300 ns and 64 B per call.
 *
 * <ul>
 *   <li>{@code decision}: {@code start} (route match, cluster pick, fault check, {@code
 *       max_requests} admission, host pick) then {@code beginAttempt} and {@code onResponse(200)}
 *       (attempt accounting, outlier bookkeeping, breaker release, metrics): everything the engine
 *       adds to one successful call;
 *   <li>{@code passThrough}: the check a call to a host outside the mesh pays;
 *   <li>{@code resilience4jBreaker}: Resilience4j's {@code CircuitBreaker} admission and success
 *       record alone, for comparison in the same run (its own JMH reports +0.32 µs and 272 B/op).
 * </ul>
 *
 * Run with {@code -prof gc} for B/op; see README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineDecisionBenchmark {
  private MeshEngine engine;
  private OutboundRequest request;
  private CircuitBreaker breaker;

  @Setup
  public void setUp() {
    engine =
        new MeshEngine(MeshConfigSource.fixed(FiftyRouteMesh.snapshot()), EngineOptions.defaults());
    request = FiftyRouteMesh.request();
    MeshCall probe = engine.start(request);
    if (probe == null || !"backend-1".equals(probe.cluster()) || probe.localReply() != null) {
      throw new IllegalStateException("the benchmark request must be routed to backend-1");
    }
    probe.cancel();
    breaker = CircuitBreaker.of("baseline", CircuitBreakerConfig.ofDefaults());
  }

  @Benchmark
  public long decision() {
    return decide();
  }

  @Benchmark
  @Threads(2)
  public long decisionTwoThreads() {
    return decide();
  }

  @Benchmark
  public boolean passThrough() {
    return engine.isMeshService("not-in-mesh.example", 443);
  }

  @Benchmark
  @Threads(2)
  public boolean passThroughTwoThreads() {
    return engine.isMeshService("not-in-mesh.example", 443);
  }

  @Benchmark
  public boolean resilience4jBreaker() {
    return breakerCall();
  }

  @Benchmark
  @Threads(2)
  public boolean resilience4jBreakerTwoThreads() {
    return breakerCall();
  }

  private long decide() {
    MeshCall call = engine.start(request);
    call.beginAttempt();
    return call.onResponse(200, -1, HeaderView.EMPTY);
  }

  private boolean breakerCall() {
    if (!breaker.tryAcquirePermission()) {
      return false;
    }
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    return true;
  }
}
