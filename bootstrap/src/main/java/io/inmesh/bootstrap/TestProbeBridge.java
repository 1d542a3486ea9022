package io.inmesh.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bridge of the test-only {@code test-probe} hook, and the worked example of the bridge pattern
 * (see the package documentation). Tests read {@link #fired()} and {@link HookErrors#count} from
 * the application under test.
 */
public final class TestProbeBridge {
  /** Nesting guard of this hook family. */
  public static final CallDepth DEPTH = new CallDepth();

  private static final AtomicLong FIRED = new AtomicLong();
  private static volatile TestProbe probe;

  private TestProbeBridge() {}

  /** Installs the implementation; until then (or with null) the hook does nothing. */
  public static void install(TestProbe implementation) {
    probe = implementation;
  }

  /** From enter advice. May throw: the advice exception handler takes care of it. */
  public static void enter(String method) {
    if (DEPTH.enter() > 0 || AgentThreads.isBypassed()) {
      return;
    }
    TestProbe current = probe;
    if (current != null) {
      FIRED.incrementAndGet();
      current.onCall(method);
    }
  }

  /** From exit advice, also when the method or the enter advice threw. */
  public static void exit() {
    DEPTH.exit();
  }

  /** True once the agent has installed the implementation (tests of async startup wait on it). */
  public static boolean isInstalled() {
    return probe != null;
  }

  /** Outermost calls of probed methods seen on application threads since start. */
  public static long fired() {
    return FIRED.get();
  }
}
