package io.inmesh.xds.ads;

import io.grpc.Status;

/** What an {@link AdsStream} reports, on the event loop. */
interface StreamHandler {

  /** A response, in protocol-neutral form. */
  void onUpdate(AdsStream stream, ResponseUpdate update);

  /** The stream ended (error, server close, or local cancel). */
  void onClosed(AdsStream stream, Status status);
}
