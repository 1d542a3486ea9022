package io.inmesh.model;

import java.util.List;

/**
 * {@code endpoint.v3.LocalityLbEndpoints}.
 *
 * @param weight {@code load_balancing_weight}; 0 when unset (then the locality is not used where
 *     locality weighting is on, as in Envoy)
 * @param priority 0 is the highest
 */
public record LocalityEndpoints(
    Locality locality, List<LbEndpoint> endpoints, int weight, int priority) {
  public LocalityEndpoints {
    locality = locality == null ? Locality.NONE : locality;
    endpoints = Immutables.list(endpoints);
  }
}
