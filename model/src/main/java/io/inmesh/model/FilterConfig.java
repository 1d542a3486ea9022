package io.inmesh.model;

import java.util.Objects;

/**
 * The config of an HTTP filter the mesh applies in-process, either from the listener's HCM filter
 * chain or from a {@code typed_per_filter_config} override on a virtual host, route or weighted
 * cluster (keyed by the filter's name there).
 */
public sealed interface FilterConfig
    permits FaultConfig,
        LocalRateLimitConfig,
        FilterConfig.Router,
        FilterConfig.Disabled,
        FilterConfig.Other {

  /** {@code envoy.filters.http.router}: ends the chain; its presence is all that matters here. */
  record Router() implements FilterConfig {}

  /**
   * A per-route {@code FilterConfig} with {@code disabled: true}: the filter is off for this route.
   */
  record Disabled() implements FilterConfig {}

  /**
   * A filter the mesh does not implement, kept by type URL so the chain stays faithful.
   *
   * @param typeUrl e.g. {@code type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC}
   * @param optional Envoy's {@code is_optional}: an unsupported optional filter is skipped
   */
  record Other(String typeUrl, boolean optional) implements FilterConfig {
    public Other {
      Objects.requireNonNull(typeUrl, "typeUrl");
    }
  }
}
