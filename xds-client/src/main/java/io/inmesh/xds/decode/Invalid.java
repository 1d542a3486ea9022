package io.inmesh.xds.decode;

/**
 * Thrown inside the decoders with a field path and reason; {@link XdsDecoder} adds the resource
 * name. Unchecked so that decoding code reads as straight-line field mapping.
 */
final class Invalid extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Invalid(String path, String reason) {
    super(path + ": " + reason, null, false, false);
  }
}
