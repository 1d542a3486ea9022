package io.inmesh.xds.decode;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.extensions.common.matching.v3.ExtensionWithMatcher;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.inmesh.model.FaultConfig;
import io.inmesh.model.FilterConfig;
import io.inmesh.model.FractionalPercent;
import io.inmesh.model.HeaderValueOption;
import io.inmesh.model.LocalRateLimitConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP filter configs: in the HCM chain and as per-route {@code typed_per_filter_config}. */
final class HttpFilterDecoder {
  static final String ROUTER = TypedConfigs.typeUrlOf(Router.getDefaultInstance());
  static final String FAULT = TypedConfigs.typeUrlOf(HTTPFault.getDefaultInstance());
  static final String LOCAL_RATE_LIMIT =
      TypedConfigs.typeUrlOf(LocalRateLimit.getDefaultInstance());
  static final String EXTENSION_WITH_MATCHER =
      TypedConfigs.typeUrlOf(ExtensionWithMatcher.getDefaultInstance());
  static final String ROUTE_FILTER_CONFIG =
      TypedConfigs.typeUrlOf(io.envoyproxy.envoy.config.route.v3.FilterConfig.getDefaultInstance());

  private HttpFilterDecoder() {}

  static List<io.inmesh.model.HttpFilter> chain(List<HttpFilter> filters, String path) {
    if (filters.isEmpty()) {
      // Envoy installs the router when no filter is configured.
      return List.of(
          new io.inmesh.model.HttpFilter("envoy.filters.http.router", new FilterConfig.Router()));
    }
    List<io.inmesh.model.HttpFilter> out = new ArrayList<>(filters.size());
    for (int i = 0; i < filters.size(); i++) {
      HttpFilter f = filters.get(i);
      String p = path + "[" + i + "]";
      if (f.getName().isEmpty()) {
        throw new Invalid(p + ".name", "must not be empty");
      }
      FilterConfig config = filter(f, p);
      boolean last = i == filters.size() - 1;
      if (config instanceof FilterConfig.Router && !last) {
        throw new Invalid(p, "the router filter " + f.getName() + " must be the last filter");
      }
      if (last && (config instanceof FaultConfig || config instanceof LocalRateLimitConfig)) {
        throw new Invalid(p, "non-terminal filter " + f.getName() + " is the last filter");
      }
      out.add(new io.inmesh.model.HttpFilter(f.getName(), config));
    }
    return out;
  }

  private static FilterConfig filter(HttpFilter f, String path) {
    if (f.hasTypedConfig()) {
      return config(f.getTypedConfig(), f.getIsOptional(), path + ".typed_config");
    }
    if (f.hasConfigDiscovery()) {
      // ECDS: the config would come from another resource the mesh does not subscribe to.
      List<String> urls = f.getConfigDiscovery().getTypeUrlsList();
      return new FilterConfig.Other(urls.isEmpty() ? "" : urls.get(0), f.getIsOptional());
    }
    throw new Invalid(path, "filter " + f.getName() + " has no typed_config");
  }

  /** One filter config, as found in the chain or inside a per-route wrapper. */
  static FilterConfig config(Any any, boolean optional, String path) {
    String url = TypedConfigs.typeUrl(any, path);
    if (url.equals(ROUTER)) {
      return new FilterConfig.Router();
    }
    if (url.equals(FAULT)) {
      return fault(TypedConfigs.unpack(any, HTTPFault.getDefaultInstance(), path), path);
    }
    if (url.equals(LOCAL_RATE_LIMIT)) {
      return rateLimit(TypedConfigs.unpack(any, LocalRateLimit.getDefaultInstance(), path), path);
    }
    if (url.equals(EXTENSION_WITH_MATCHER)) {
      // Kuma wraps filters this way to skip them for some callers. The matcher's inputs are
      // the caller's identity (downstream TLS), which an in-process client does not have, so
      // the inner filter is taken as is.
      ExtensionWithMatcher wrapper =
          TypedConfigs.unpack(any, ExtensionWithMatcher.getDefaultInstance(), path);
      if (!wrapper.getExtensionConfig().hasTypedConfig()) {
        throw new Invalid(path + ".extension_config.typed_config", "is required");
      }
      return config(
          wrapper.getExtensionConfig().getTypedConfig(),
          optional,
          path + ".extension_config.typed_config");
    }
    return new FilterConfig.Other(url, optional);
  }

  static Map<String, FilterConfig> perRoute(Map<String, Any> configs, String path) {
    if (configs.isEmpty()) {
      return Map.of();
    }
    Map<String, FilterConfig> out = new LinkedHashMap<>();
    for (Map.Entry<String, Any> e : configs.entrySet()) {
      String p = path + "typed_per_filter_config[" + e.getKey() + "]";
      out.put(e.getKey(), perRouteConfig(e.getValue(), p));
    }
    return out;
  }

  private static FilterConfig perRouteConfig(Any any, String path) {
    if (!TypedConfigs.typeUrl(any, path).equals(ROUTE_FILTER_CONFIG)) {
      return config(any, false, path);
    }
    io.envoyproxy.envoy.config.route.v3.FilterConfig wrapper =
        TypedConfigs.unpack(
            any, io.envoyproxy.envoy.config.route.v3.FilterConfig.getDefaultInstance(), path);
    if (wrapper.getDisabled()) {
      return new FilterConfig.Disabled();
    }
    if (!wrapper.hasConfig()) {
      // Envoy: a FilterConfig with neither config nor disabled just enables the filter.
      return new FilterConfig.Other(ROUTE_FILTER_CONFIG, wrapper.getIsOptional());
    }
    return config(wrapper.getConfig(), wrapper.getIsOptional(), path + ".config");
  }

  private static FaultConfig fault(HTTPFault f, String path) {
    FaultConfig.Delay delay = null;
    if (f.hasDelay()) {
      var d = f.getDelay();
      String p = path + ".delay";
      FractionalPercent pct = Values.fraction(d.getPercentage(), p + ".percentage");
      delay =
          switch (d.getFaultDelaySecifierCase()) {
            case FIXED_DELAY ->
                new FaultConfig.Delay(
                    Values.positiveDuration(d.getFixedDelay(), p + ".fixed_delay"), false, pct);
            case HEADER_DELAY -> new FaultConfig.Delay(null, true, pct);
            case FAULTDELAYSECIFIER_NOT_SET ->
                throw new Invalid(p, "one of fixed_delay, header_delay is required");
          };
    }
    FaultConfig.Abort abort = null;
    if (f.hasAbort()) {
      FaultAbort a = f.getAbort();
      String p = path + ".abort";
      FractionalPercent pct = Values.fraction(a.getPercentage(), p + ".percentage");
      abort =
          switch (a.getErrorTypeCase()) {
            case HTTP_STATUS -> {
              int status = a.getHttpStatus();
              if (status < 200 || status >= 600) {
                throw new Invalid(p + ".http_status", "must be in [200, 600), got " + status);
              }
              yield new FaultConfig.Abort(status, null, false, pct);
            }
            case GRPC_STATUS -> new FaultConfig.Abort(null, a.getGrpcStatus(), false, pct);
            case HEADER_ABORT -> new FaultConfig.Abort(null, null, true, pct);
            case ERRORTYPE_NOT_SET ->
                throw new Invalid(p, "one of http_status, grpc_status, header_abort is required");
          };
    }
    return new FaultConfig(
        delay,
        abort,
        f.getUpstreamCluster().isEmpty() ? null : f.getUpstreamCluster(),
        f.getDownstreamNodesList(),
        Matchers.headers(f.getHeadersList(), path + ".headers"),
        f.hasMaxActiveFaults() ? Values.uint32(f.getMaxActiveFaults().getValue()) : null);
  }

  private static LocalRateLimitConfig rateLimit(LocalRateLimit r, String path) {
    if (r.getStatPrefix().isEmpty()) {
      throw new Invalid(path + ".stat_prefix", "must not be empty");
    }
    LocalRateLimitConfig.TokenBucket bucket = null;
    if (r.hasTokenBucket()) {
      var b = r.getTokenBucket();
      String p = path + ".token_bucket";
      if (b.getMaxTokens() == 0) {
        throw new Invalid(p + ".max_tokens", "must be greater than 0");
      }
      int perFill = b.hasTokensPerFill() ? b.getTokensPerFill().getValue() : 1;
      if (perFill == 0) {
        throw new Invalid(p + ".tokens_per_fill", "must be greater than 0");
      }
      if (!b.hasFillInterval()) {
        throw new Invalid(p + ".fill_interval", "is required");
      }
      bucket =
          new LocalRateLimitConfig.TokenBucket(
              Values.uint32(b.getMaxTokens()),
              Values.uint32(perFill),
              Values.positiveDuration(b.getFillInterval(), p + ".fill_interval"));
    }
    FractionalPercent enabled =
        r.hasFilterEnabled()
            ? Values.runtimeFraction(r.getFilterEnabled(), path + ".filter_enabled")
            : FractionalPercent.NEVER;
    FractionalPercent enforced =
        r.hasFilterEnforced()
            ? Values.runtimeFraction(r.getFilterEnforced(), path + ".filter_enforced")
            : FractionalPercent.NEVER;
    int status = 429;
    if (r.hasStatus() && r.getStatus().getCodeValue() != 0) {
      status = r.getStatus().getCodeValue();
      if (status < 200 || status >= 600) {
        throw new Invalid(path + ".status.code", "must be in [200, 600), got " + status);
      }
    }
    List<HeaderValueOption> headers = new ArrayList<>();
    for (int i = 0; i < r.getResponseHeadersToAddCount(); i++) {
      headers.add(
          Values.headerValueOption(
              r.getResponseHeadersToAdd(i), path + ".response_headers_to_add[" + i + "]"));
    }
    return new LocalRateLimitConfig(r.getStatPrefix(), bucket, enabled, enforced, status, headers);
  }
}
