package io.inmesh.xds.decode;

/**
 * A resource the mesh rejects. The message names the resource and says what is wrong, with the
 * field path, so an xDS client can send it as a NACK's {@code error_detail} unchanged.
 */
public final class InvalidResourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String resourceName;
  private final String reason;

  /**
   * @param resourceName the resource's name, or empty when it could not be read
   * @param reason the field path and what is wrong with it, e.g. {@code
   *     virtual_hosts[0].routes[2].match.safe_regex.regex: invalid RE2 pattern "(": missing )}
   */
  public InvalidResourceException(String resourceName, String reason) {
    super(format(resourceName, reason));
    this.resourceName = resourceName == null ? "" : resourceName;
    this.reason = reason;
  }

  public String resourceName() {
    return resourceName;
  }

  /** The reason without the resource name. */
  public String reason() {
    return reason;
  }

  private static String format(String resourceName, String reason) {
    return resourceName == null || resourceName.isEmpty()
        ? reason
        : "resource " + resourceName + ": " + reason;
  }
}
