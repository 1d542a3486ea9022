package io.inmesh.engine.fault;

import io.inmesh.engine.HeaderView;
import io.inmesh.engine.OutboundRequest;
import io.inmesh.engine.route.CompiledHeaderMatcher;
import io.inmesh.engine.upstream.RandomSource;
import io.inmesh.model.FaultConfig;
import io.inmesh.model.FractionalPercent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One effective {@code envoy.filters.http.fault} config (the filter's own or a per-route override)
 * compiled for the request path. Deciding allocates nothing unless a fault fires.
 *
 * <p>Envoy's rules: the request must match every {@code headers} matcher, go to {@code
 * upstream_cluster} when set and come from one of {@code downstream_nodes} when set. A
 * header-controlled delay or abort takes its value from the request ({@code
 * x-envoy-fault-delay-request} in ms, {@code x-envoy-fault-abort-request} as an HTTP status in
 * [200, 600), else {@code x-envoy-fault-abort-grpc-request}); its percentage header sets the
 * numerator, capped at the configured numerator, over the configured denominator. {@code
 * max_active_faults} caps the faults in progress across all calls of the filter.
 */
public final class FaultInjector {
  static final String DELAY_HEADER = "x-envoy-fault-delay-request";
  static final String DELAY_PERCENT_HEADER = "x-envoy-fault-delay-request-percentage";
  static final String ABORT_HEADER = "x-envoy-fault-abort-request";
  static final String ABORT_GRPC_HEADER = "x-envoy-fault-abort-grpc-request";
  static final String ABORT_PERCENT_HEADER = "x-envoy-fault-abort-request-percentage";
  static final String DOWNSTREAM_NODE_HEADER = "x-envoy-downstream-service-node";

  private final FaultConfig config;
  private final CompiledHeaderMatcher[] headers;
  private final AtomicInteger active;
  private final int maxActive;

  /**
   * @param active the in-progress counter shared by every compilation of the same filter, so it
   *     survives snapshot swaps
   */
  public FaultInjector(FaultConfig config, AtomicInteger active) {
    this.config = config;
    this.headers = CompiledHeaderMatcher.all(config.headers());
    this.active = active;
    this.maxActive =
        config.maxActiveFaults() == null ? Integer.MAX_VALUE : config.maxActiveFaults();
  }

  public FaultConfig config() {
    return config;
  }

  /** Faults in progress now. */
  public int activeFaults() {
    return active.get();
  }

  /**
   * Decides the faults for one call to {@code cluster}; null when none fires. A non-null decision
   * holds one active-fault slot until {@link FaultDecision#release()}.
   */
  public FaultDecision decide(OutboundRequest request, String cluster, RandomSource random) {
    if (config.upstreamCluster() != null && !config.upstreamCluster().equals(cluster)) {
      return null;
    }
    if (!CompiledHeaderMatcher.allMatch(headers, request)) {
      return null;
    }
    HeaderView h = request.headers();
    if (!config.downstreamNodes().isEmpty()
        && !config.downstreamNodes().contains(h.get(DOWNSTREAM_NODE_HEADER))) {
      return null;
    }
    long delayMillis = delayMillis(h, random);
    int httpStatus = -1;
    int grpcStatus = -1;
    FaultConfig.Abort abort = config.abort();
    if (abort != null) {
      if (abort.headerControlled()) {
        int fromHeader = parseInt(h.get(ABORT_HEADER));
        if (fromHeader >= 200 && fromHeader < 600) {
          httpStatus = fromHeader;
        } else {
          grpcStatus = parseInt(h.get(ABORT_GRPC_HEADER));
        }
      } else if (abort.httpStatus() != null) {
        httpStatus = abort.httpStatus();
      } else if (abort.grpcStatus() != null) {
        grpcStatus = abort.grpcStatus();
      }
      boolean wanted =
          (httpStatus >= 0 || grpcStatus >= 0)
              && draw(
                  abort.percentage(),
                  abort.headerControlled() ? h.get(ABORT_PERCENT_HEADER) : null,
                  random);
      if (!wanted) {
        httpStatus = -1;
        grpcStatus = -1;
      }
    }
    if (delayMillis <= 0 && httpStatus < 0 && grpcStatus < 0) {
      return null;
    }
    if (!tryAcquire()) {
      return null;
    }
    return new FaultDecision(Math.max(0, delayMillis), httpStatus, grpcStatus, active);
  }

  private long delayMillis(HeaderView h, RandomSource random) {
    FaultConfig.Delay delay = config.delay();
    if (delay == null) {
      return 0;
    }
    long millis;
    String percentHeader = null;
    if (delay.headerControlled()) {
      millis = parseInt(h.get(DELAY_HEADER));
      percentHeader = h.get(DELAY_PERCENT_HEADER);
    } else {
      millis = delay.fixedDelay() == null ? 0 : delay.fixedDelay().toMillis();
    }
    if (millis <= 0) {
      return 0;
    }
    return draw(delay.percentage(), percentHeader, random) ? millis : 0;
  }

  private boolean tryAcquire() {
    for (; ; ) {
      int c = active.get();
      if (c >= maxActive) {
        return false;
      }
      if (active.compareAndSet(c, c + 1)) {
        return true;
      }
    }
  }

  /** Draws against the configured share, or the header's numerator capped by it. */
  static boolean draw(FractionalPercent configured, String headerNumerator, RandomSource random) {
    FractionalPercent p = configured == null ? FractionalPercent.ALWAYS : configured;
    long numerator = p.numerator();
    if (headerNumerator != null) {
      int n = parseInt(headerNumerator);
      if (n >= 0) {
        numerator = Math.min(numerator, n);
      }
    }
    long perMillion = Math.min(1_000_000, numerator * (1_000_000 / p.denominator()));
    if (perMillion >= 1_000_000) {
      return true;
    }
    return perMillion > 0 && random.nextInt(1_000_000) < perMillion;
  }

  static int parseInt(String s) {
    if (s == null || s.isEmpty() || s.length() > 9) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
