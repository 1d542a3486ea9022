package io.inmesh.xds.ads;

import io.inmesh.xds.decode.ResourceType;
import java.util.Map;
import java.util.Set;

/**
 * One open ADS stream, SotW or delta. Not thread-safe: used only on the client's event loop, which
 * is also where the stream delivers {@link StreamHandler} callbacks.
 */
interface AdsStream {

  /**
   * Tells the server the new subscription of a type.
   *
   * @param names every name now subscribed (SotW sends these)
   * @param added names new since the last call (delta sends these)
   * @param removed names dropped since the last call (delta sends these)
   * @param known versions of resources already held, sent on a type's first delta request so an
   *     unchanged resource is not re-sent after a reconnect
   */
  void subscribe(
      ResourceType type,
      Set<String> names,
      Set<String> added,
      Set<String> removed,
      Map<String, String> known);

  /** Accepts the response with {@code nonce}; {@code version} becomes the type's version. */
  void ack(ResourceType type, String version, String nonce);

  /**
   * Rejects the response with {@code nonce}, keeping {@code lastGoodVersion}.
   *
   * @param error the reasons, sent as {@code error_detail.message}
   */
  void nack(ResourceType type, String lastGoodVersion, String nonce, String error);

  /** Half-closes the stream; no further callbacks matter. */
  void close();
}
