package io.inmesh.xds.file;

import java.util.List;

/** A configuration document that cannot be applied; the message lists every reason. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> reasons;

  public InvalidConfigException(String origin, List<String> reasons) {
    super(origin + ": " + String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
