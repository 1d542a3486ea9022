package io.inmesh.xds.decode;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.Resource;

/**
 * Decodes Envoy v3 xDS resources into the immutable {@code io.inmesh.model} records, resolving
 * Envoy's defaults, and rejects invalid ones with a reason fit for a NACK.
 *
 * <p>Stateless and thread-safe. The first call initialises the Envoy proto descriptors (~0.6 s):
 * call it from a background thread, never from the agent's premain.
 */
public final class XdsDecoder {
  static final String RESOURCE_WRAPPER_URL =
      "type.googleapis.com/envoy.service.discovery.v3.Resource";

  /**
   * Decodes one resource as carried in a {@code DiscoveryResponse}. A resource wrapped in {@code
   * envoy.service.discovery.v3.Resource} (delta xDS, or SotW with wrapping) is unwrapped.
   *
   * @throws InvalidResourceException when the bytes do not parse, the type URL is not {@code
   *     type}'s, or a value is invalid
   */
  public DecodedResource decode(ResourceType type, Any resource) throws InvalidResourceException {
    Any any = resource;
    if (RESOURCE_WRAPPER_URL.equals(any.getTypeUrl())) {
      try {
        Resource wrapper = Resource.parseFrom(any.getValue());
        any = wrapper.getResource();
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidResourceException("", "cannot parse Resource wrapper: " + e.getMessage());
      }
    }
    if (ResourceType.isV2(any.getTypeUrl())) {
      throw new InvalidResourceException("", "xDS v2 is not supported: " + any.getTypeUrl());
    }
    if (!type.typeUrl().equals(any.getTypeUrl())) {
      throw new InvalidResourceException(
          "", "expected type " + type.typeUrl() + " but got " + any.getTypeUrl());
    }
    try {
      Message message =
          switch (type) {
            case LISTENER -> Listener.parseFrom(any.getValue());
            case ROUTE_CONFIGURATION -> RouteConfiguration.parseFrom(any.getValue());
            case CLUSTER -> Cluster.parseFrom(any.getValue());
            case CLUSTER_LOAD_ASSIGNMENT -> ClusterLoadAssignment.parseFrom(any.getValue());
          };
      return decode(message);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidResourceException(
          "", "cannot parse " + type.typeUrl() + ": " + e.getMessage());
    }
  }

  /**
   * Decodes a parsed Envoy v3 {@code Listener}, {@code RouteConfiguration}, {@code Cluster} or
   * {@code ClusterLoadAssignment} message.
   */
  public DecodedResource decode(Message message) throws InvalidResourceException {
    if (message instanceof Listener l) {
      return run(l.getName(), () -> ListenerDecoder.decode(l));
    }
    if (message instanceof RouteConfiguration r) {
      return run(r.getName(), () -> RouteConfigDecoder.decode(r));
    }
    if (message instanceof Cluster c) {
      return run(c.getName(), () -> ClusterDecoder.decode(c));
    }
    if (message instanceof ClusterLoadAssignment a) {
      return run(a.getClusterName(), () -> EndpointDecoder.decode(a));
    }
    throw new InvalidResourceException(
        "", "not an xDS resource the mesh uses: " + message.getDescriptorForType().getFullName());
  }

  private interface Step {
    DecodedResource run();
  }

  /** Turns a decoder's {@link Invalid} (field path + reason) into the public exception. */
  private static DecodedResource run(String name, Step step) throws InvalidResourceException {
    if (name.isEmpty()) {
      throw new InvalidResourceException("", "name: must not be empty");
    }
    try {
      return step.run();
    } catch (Invalid e) {
      throw new InvalidResourceException(name, e.getMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      // A model record's own validation: still the resource's fault, not ours.
      throw new InvalidResourceException(name, String.valueOf(e.getMessage()));
    }
  }
}
