package io.inmesh.xds.ads;

import com.google.protobuf.Any;
import io.inmesh.xds.decode.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * A SotW or delta response in one shape.
 *
 * @param version {@code version_info} (SotW) or {@code system_version_info} (delta)
 * @param resources the resources carried
 * @param removed names the server removed (delta only)
 * @param stateOfTheWorld a SotW response: it lists every subscribed resource of its type that
 *     exists, which for LDS and CDS means a subscribed name it leaves out was removed
 */
record ResponseUpdate(
    ResourceType type,
    String version,
    String nonce,
    List<RawResource> resources,
    Set<String> removed,
    boolean stateOfTheWorld) {

  /**
   * One resource as received.
   *
   * @param name the delta {@code Resource.name}, or null in SotW (known only once decoded)
   * @param version the delta per-resource version, or the response version in SotW
   */
  record RawResource(String name, String version, Any resource) {}
}
