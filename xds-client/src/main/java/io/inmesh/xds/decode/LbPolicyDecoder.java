package io.inmesh.xds.decode;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.LoadBalancingPolicy;
import io.envoyproxy.envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin;
import io.envoyproxy.envoy.extensions.load_balancing_policies.cluster_provided.v3.ClusterProvided;
import io.envoyproxy.envoy.extensions.load_balancing_policies.common.v3.LocalityLbConfig;
import io.envoyproxy.envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest;
import io.envoyproxy.envoy.extensions.load_balancing_policies.maglev.v3.Maglev;
import io.envoyproxy.envoy.extensions.load_balancing_policies.random.v3.Random;
import io.envoyproxy.envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash;
import io.envoyproxy.envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin;
import io.envoyproxy.envoy.extensions.load_balancing_policies.wrr_locality.v3.WrrLocality;
import io.inmesh.model.Cluster.LbConfig;
import io.inmesh.model.LbPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's policy: {@code load_balancing_policy} (first supported entry) when set, else {@code
 * lb_policy} with its {@code *_lb_config}.
 */
final class LbPolicyDecoder {
  static final String ROUND_ROBIN = TypedConfigs.typeUrlOf(RoundRobin.getDefaultInstance());
  static final String LEAST_REQUEST = TypedConfigs.typeUrlOf(LeastRequest.getDefaultInstance());
  static final String RANDOM = TypedConfigs.typeUrlOf(Random.getDefaultInstance());
  static final String RING_HASH = TypedConfigs.typeUrlOf(RingHash.getDefaultInstance());
  static final String MAGLEV = TypedConfigs.typeUrlOf(Maglev.getDefaultInstance());
  static final String WRR_LOCALITY = TypedConfigs.typeUrlOf(WrrLocality.getDefaultInstance());
  static final String CLUSTER_PROVIDED =
      TypedConfigs.typeUrlOf(ClusterProvided.getDefaultInstance());
  static final String CLIENT_SIDE_WRR =
      TypedConfigs.typeUrlOf(ClientSideWeightedRoundRobin.getDefaultInstance());

  private static final long MAX_RING = 8L * 1024 * 1024;
  private static final long MAX_MAGLEV_TABLE = 5_000_011L;

  record Result(LbPolicy policy, LbConfig config) {}

  private LbPolicyDecoder() {}

  static Result decode(Cluster c, io.inmesh.model.Cluster.DiscoveryType type) {
    boolean localityWeighted = c.getCommonLbConfig().hasLocalityWeightedLbConfig();
    if (c.hasLoadBalancingPolicy()) {
      Result r = policies(c.getLoadBalancingPolicy(), "load_balancing_policy");
      return localityWeighted ? withLocality(r) : r;
    }
    if (type == io.inmesh.model.Cluster.DiscoveryType.ORIGINAL_DST) {
      return new Result(
          LbPolicy.CLUSTER_PROVIDED, configOf(2, 1.0, 1024, MAX_RING, 65537, localityWeighted));
    }
    LbConfig d = LbConfig.DEFAULTS;
    return switch (c.getLbPolicy()) {
      case ROUND_ROBIN -> new Result(LbPolicy.ROUND_ROBIN, withLocality(d, localityWeighted));
      case RANDOM -> new Result(LbPolicy.RANDOM, withLocality(d, localityWeighted));
      case CLUSTER_PROVIDED ->
          new Result(LbPolicy.CLUSTER_PROVIDED, withLocality(d, localityWeighted));
      case LEAST_REQUEST -> {
        var l = c.getLeastRequestLbConfig();
        yield new Result(
            LbPolicy.LEAST_REQUEST,
            configOf(
                choiceCount(
                    l.hasChoiceCount() ? l.getChoiceCount().getValue() : 2,
                    "least_request_lb_config.choice_count"),
                l.hasActiveRequestBias() ? l.getActiveRequestBias().getDefaultValue() : 1.0,
                d.minRingSize(),
                d.maxRingSize(),
                d.maglevTableSize(),
                localityWeighted));
      }
      case RING_HASH -> {
        var r = c.getRingHashLbConfig();
        long min = r.hasMinimumRingSize() ? r.getMinimumRingSize().getValue() : 1024;
        long max = r.hasMaximumRingSize() ? r.getMaximumRingSize().getValue() : MAX_RING;
        checkRing(min, max, "ring_hash_lb_config");
        yield new Result(
            LbPolicy.RING_HASH, configOf(2, 1.0, min, max, d.maglevTableSize(), localityWeighted));
      }
      case MAGLEV -> {
        var m = c.getMaglevLbConfig();
        long size = m.hasTableSize() ? m.getTableSize().getValue() : 65537;
        checkMaglev(size, "maglev_lb_config.table_size");
        yield new Result(LbPolicy.MAGLEV, configOf(2, 1.0, 1024, MAX_RING, size, localityWeighted));
      }
      case LOAD_BALANCING_POLICY_CONFIG ->
          throw new Invalid(
              "lb_policy", "LOAD_BALANCING_POLICY_CONFIG needs load_balancing_policy");
      default -> throw new Invalid("lb_policy", "unknown value " + c.getLbPolicyValue());
    };
  }

  private static Result policies(LoadBalancingPolicy lbp, String path) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < lbp.getPoliciesCount(); i++) {
      String p = path + ".policies[" + i + "].typed_extension_config.typed_config";
      Any any = lbp.getPolicies(i).getTypedExtensionConfig().getTypedConfig();
      Result r = policy(any, p);
      if (r != null) {
        return r;
      }
      seen.add(TypedConfigs.typeUrl(any, p));
    }
    throw new Invalid(path + ".policies", "none of the policies is supported: " + seen);
  }

  /** One policy, or null when the mesh does not implement it. */
  private static Result policy(Any any, String path) {
    String url = TypedConfigs.typeUrl(any, path);
    LbConfig d = LbConfig.DEFAULTS;
    if (url.equals(ROUND_ROBIN)) {
      RoundRobin rr = TypedConfigs.unpack(any, RoundRobin.getDefaultInstance(), path);
      return new Result(LbPolicy.ROUND_ROBIN, withLocality(d, weighted(rr.getLocalityLbConfig())));
    }
    if (url.equals(CLIENT_SIDE_WRR)) {
      // Weights come from ORCA load reports, which the mesh does not collect: plain round robin
      // is what such a client does before the first report arrives.
      return new Result(LbPolicy.ROUND_ROBIN, d);
    }
    if (url.equals(RANDOM)) {
      Random r = TypedConfigs.unpack(any, Random.getDefaultInstance(), path);
      return new Result(LbPolicy.RANDOM, withLocality(d, weighted(r.getLocalityLbConfig())));
    }
    if (url.equals(LEAST_REQUEST)) {
      LeastRequest l = TypedConfigs.unpack(any, LeastRequest.getDefaultInstance(), path);
      return new Result(
          LbPolicy.LEAST_REQUEST,
          configOf(
              choiceCount(
                  l.hasChoiceCount() ? l.getChoiceCount().getValue() : 2, path + ".choice_count"),
              l.hasActiveRequestBias() ? l.getActiveRequestBias().getDefaultValue() : 1.0,
              d.minRingSize(),
              d.maxRingSize(),
              d.maglevTableSize(),
              weighted(l.getLocalityLbConfig())));
    }
    if (url.equals(RING_HASH)) {
      RingHash r = TypedConfigs.unpack(any, RingHash.getDefaultInstance(), path);
      long min = r.hasMinimumRingSize() ? r.getMinimumRingSize().getValue() : 1024;
      long max = r.hasMaximumRingSize() ? r.getMaximumRingSize().getValue() : MAX_RING;
      checkRing(min, max, path);
      return new Result(
          LbPolicy.RING_HASH,
          configOf(2, 1.0, min, max, d.maglevTableSize(), r.hasLocalityWeightedLbConfig()));
    }
    if (url.equals(MAGLEV)) {
      Maglev m = TypedConfigs.unpack(any, Maglev.getDefaultInstance(), path);
      long size = m.hasTableSize() ? m.getTableSize().getValue() : 65537;
      checkMaglev(size, path + ".table_size");
      return new Result(
          LbPolicy.MAGLEV, configOf(2, 1.0, 1024, MAX_RING, size, m.hasLocalityWeightedLbConfig()));
    }
    if (url.equals(CLUSTER_PROVIDED)) {
      return new Result(LbPolicy.CLUSTER_PROVIDED, d);
    }
    if (url.equals(WRR_LOCALITY)) {
      WrrLocality w = TypedConfigs.unpack(any, WrrLocality.getDefaultInstance(), path);
      Result inner = policies(w.getEndpointPickingPolicy(), path + ".endpoint_picking_policy");
      return withLocality(inner);
    }
    return null;
  }

  private static boolean weighted(LocalityLbConfig l) {
    return l.hasLocalityWeightedLbConfig();
  }

  private static int choiceCount(int value, String path) {
    if (value < 2) {
      throw new Invalid(path, "must be at least 2, got " + Integer.toUnsignedString(value));
    }
    return value;
  }

  private static void checkRing(long min, long max, String path) {
    if (min < 1 || min > MAX_RING) {
      throw new Invalid(path + ".minimum_ring_size", "must be in [1, 8M], got " + min);
    }
    if (max < 1 || max > MAX_RING) {
      throw new Invalid(path + ".maximum_ring_size", "must be in [1, 8M], got " + max);
    }
    if (min > max) {
      throw new Invalid(path, "minimum_ring_size " + min + " exceeds maximum_ring_size " + max);
    }
  }

  private static void checkMaglev(long size, String path) {
    if (size < 2
        || size >= MAX_MAGLEV_TABLE
        || !java.math.BigInteger.valueOf(size).isProbablePrime(30)) {
      throw new Invalid(path, "must be a prime below 5000011, got " + size);
    }
  }

  private static Result withLocality(Result r) {
    return new Result(r.policy(), withLocality(r.config(), true));
  }

  private static LbConfig withLocality(LbConfig c, boolean localityWeighted) {
    return new LbConfig(
        c.choiceCount(),
        c.activeRequestBias(),
        c.minRingSize(),
        c.maxRingSize(),
        c.maglevTableSize(),
        c.localityWeighted() || localityWeighted);
  }

  private static LbConfig configOf(
      int choice, double bias, long min, long max, long maglev, boolean localityWeighted) {
    return new LbConfig(choice, bias, min, max, maglev, localityWeighted);
  }
}
