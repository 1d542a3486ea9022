package io.inmesh.xds.ads;

import com.google.protobuf.Any;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.InvalidResourceException;
import io.inmesh.xds.decode.ResourceType;

/** Turns a received resource into the model; {@code XdsDecoder::decode} in production. */
@FunctionalInterface
public interface ResourceDecoding {
  DecodedResource decode(ResourceType type, Any resource) throws InvalidResourceException;
}
