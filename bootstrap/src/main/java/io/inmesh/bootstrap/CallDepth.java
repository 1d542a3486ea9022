package io.inmesh.bootstrap;

/**
 * A per-thread nesting counter for one hook family, so that a hook does not fire again in a nested
 * call of the same family (an HTTP client hook whose socket connect is hooked too, or overloads
 * that call each other).
 *
 * <p>Advice pattern: {@code if (DEPTH.enter() == 0) { ...act... }} on enter and always {@code
 * DEPTH.exit()} on exit ({@code onThrowable = Throwable.class}), so enter and exit stay paired.
 * Create one instance per family as a {@code static final} field of the family's bridge class.
 */
public final class CallDepth {
  // No lambda here or anywhere in the bridge: its bootstrap would run inside hooked JDK code.
  private final ThreadLocal<int[]> depth =
      new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
          return new int[1];
        }
      };

  /** Increments the depth and returns the depth before it: 0 means outermost call. */
  public int enter() {
    return depth.get()[0]++;
  }

  /** Decrements the depth and returns the depth after it: 0 means the outermost call ended. */
  public int exit() {
    int[] d = depth.get();
    return d[0] > 0 ? --d[0] : 0;
  }

  /** The current depth on this thread. */
  public int current() {
    return depth.get()[0];
  }
}
