package io.inmesh.samples.controlplane;

/**
 * The mesh file cannot be used; the message names the offending place, e.g. {@code
 * services.reviews.port}.
 */
public final class InvalidMeshException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidMeshException(String message) {
    super(message);
  }

  public InvalidMeshException(String message, Throwable cause) {
    super(message, cause);
  }
}
