package io.inmesh.agent.testprobe;

import io.inmesh.bootstrap.TestProbe;

/** The probe implementation; throws on every call when told to, to exercise the error path. */
final class ThrowingProbe implements TestProbe {
  private final boolean fail;

  ThrowingProbe(boolean fail) {
    this.fail = fail;
  }

  @Override
  public void onCall(String method) {
    if (fail) {
      throw new IllegalStateException("test-probe forced failure in " + method);
    }
  }
}
