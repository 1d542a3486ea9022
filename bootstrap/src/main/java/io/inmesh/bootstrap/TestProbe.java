package io.inmesh.bootstrap;

/**
 * The implementation slot type of {@link TestProbeBridge}; the agent installs one that may throw to
 * exercise the advice error path. Bridge interfaces use only JDK types (the bootstrap loader sees
 * nothing else).
 */
public interface TestProbe {
  /** Called on the outermost, non-agent call of a probed method. */
  void onCall(String method);
}
