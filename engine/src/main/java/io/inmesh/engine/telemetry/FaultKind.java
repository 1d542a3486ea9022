package io.inmesh.engine.telemetry;

/** The kinds of fault the HTTP fault filter injects. */
public enum FaultKind {
  DELAY,
  ABORT;

  /** The label value used in exported metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
