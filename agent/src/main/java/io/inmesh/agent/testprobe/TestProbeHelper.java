package io.inmesh.agent.testprobe;

/**
 * A helper class the test-probe module declares, so tests can see it injected into the class loader
 * of the probed class.
 */
public final class TestProbeHelper {
  private TestProbeHelper() {}

  /** Lets a test tell the injected copy apart. */
  public static String origin() {
    return "injected by inmesh";
  }
}
